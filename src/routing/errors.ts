import { UsageError } from "../errors.js";

/**
 * Bad input to a router: an unknown strategy, an empty `available` list, a non-positive prior,
 * NaN relevance, a malformed saved-parameters file. It names the offending field so the user
 * can fix it; it extends {@link UsageError} so the CLI reports it and exits 2.
 */
export class RoutingInputError extends UsageError {
  /** The offending field, e.g. `priors.byType.relationship.alpha` or `outcome.latencyMs`. */
  readonly field: string;

  /**
   * @param field the offending field's path
   * @param message what is wrong with it and what is expected
   */
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}
