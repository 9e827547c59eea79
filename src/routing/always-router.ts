import { BaseRouter, type BaseRouterOptions } from "./base-router.js";
import type { Decision } from "./decision.js";
import { RoutingInputError } from "./errors.js";
import type { BackendId, Outcome, Query, RoutingContext } from "./types.js";

/** Options of the `always:<backend>` strategy. */
export interface AlwaysOptions extends BaseRouterOptions {
  /** The backend to always choose (the registry takes it from the name `always:<backend>`). */
  backend: BackendId;
}

/**
 * Always chooses one backend (confidence 1); when it is unavailable, the first available
 * backend (confidence 0). A baseline: "what if everything went to qdrant?".
 */
export class AlwaysRouter extends BaseRouter {
  private readonly target: number;

  /**
   * @param options the backend and shared options
   * @throws {RoutingInputError} when the backend is missing or empty
   */
  constructor(options: AlwaysOptions, name = `always:${options?.backend}`) {
    super(name, options);
    if (typeof options.backend !== "string" || options.backend === "") {
      throw new RoutingInputError(
        "backend",
        "always:<backend> needs a backend id, e.g. always:qdrant",
      );
    }
    this.target = this.backends.intern(options.backend);
  }

  select(query: Query, context: RoutingContext): Decision {
    const t = this.typeOf(query);
    const b = this.choice(context);
    this.decisions++;
    return this.decide(b, b === this.target ? 1 : 0, t);
  }

  /** Certain: the backend, or the first available one. */
  probabilities(query: Query, context: RoutingContext): number[] {
    this.typeOf(query);
    return this.certain(this.choice(context));
  }

  /** The backend index chosen under this availability. */
  private choice(context: RoutingContext): number {
    this.avail.resolve(context.available, this.backends);
    const { idx, n } = this.avail;
    for (let i = 0; i < n; i++) if (idx[i] === this.target) return this.target;
    return idx[0];
  }

  record(outcome: Outcome): void {
    this.acceptOutcome(outcome);
  }

  explain(d: Decision): string {
    const target = this.backends.names[this.target];
    return d.backend === target
      ? `Always ${target}.`
      : `Always ${target}, but it is unavailable; ${d.backend} is the first available backend.`;
  }
}
