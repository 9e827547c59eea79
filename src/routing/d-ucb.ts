import { RoutingInputError } from "./errors.js";
import { type PaddedUcbOptions, PaddedUcbRouter } from "./padded-ucb.js";

/** Options of the `d-ucb` strategy. */
export interface DUcbOptions extends PaddedUcbOptions {
  /** γ in (0, 1): outcomes weigh γ^age; default 0.999 (memory ≈ 1/(1 − γ) = 1,000). */
  discount?: number;
}

/** The default discount γ of `d-ucb`. */
export const DEFAULT_D_UCB_DISCOUNT = 0.999;

/**
 * Discounted UCB (Garivier & Moulines 2011; Kocsis & Szepesvári 2006), one bandit per query
 * type: every outcome of the type first multiplies the type's counts by γ, and the highest
 * discounted mean + 2B·√(ξ ln n / N) is chosen, N the backend's discounted count and n the
 * sum over backends.
 *
 * Default γ = 0.999 (an effective memory of 1,000 outcomes, as sw-ucb's window). Garivier &
 * Moulines' choice for horizon T with Υ changes is γ = 1 − √(Υ/T) / (4B) (0.9975 for T = 10⁴,
 * Υ = 1; 0.9992 for T = 10⁵); set `discount`.
 *
 * @example const r = new DUcbRouter({ discount: 0.995 });
 */
export class DUcbRouter extends PaddedUcbRouter {
  /**
   * @param options γ, ξ, B and shared bandit options (not `window`)
   * @param name the strategy name decisions carry
   * @throws {RoutingInputError} for an invalid option, or a window (choose sw-ucb)
   */
  constructor(options: DUcbOptions = {}, name = "d-ucb") {
    if (options.window !== undefined) {
      throw new RoutingInputError(
        "window",
        "d-ucb forgets by its discount; use sw-ucb for a window",
      );
    }
    const discount = options.discount ?? DEFAULT_D_UCB_DISCOUNT;
    if (!(discount > 0 && discount < 1)) {
      throw new RoutingInputError("discount", `must be in (0, 1), got ${discount}`);
    }
    super(name, { ...options, discount }, 2);
  }
}
