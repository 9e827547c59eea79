import { RoutingInputError } from "./errors.js";
import { type PaddedUcbOptions, PaddedUcbRouter } from "./padded-ucb.js";

/** Options of the `sw-ucb` strategy. */
export interface SwUcbOptions extends PaddedUcbOptions {
  /** τ: only the last `window` outcomes of each query type count; default 1,000. */
  window?: number;
}

/** The default window τ of `sw-ucb`. */
export const DEFAULT_SW_WINDOW = 1000;

/**
 * Sliding-window UCB (Garivier & Moulines 2011), one bandit per query type: over the type's
 * last τ outcomes only, the highest mean + B·√(ξ ln min(t, τ) / N), N the backend's outcomes
 * in the window (a backend with none is tried first). Old outcomes leave the window, so the
 * bandit recovers from an abrupt change within about τ outcomes.
 *
 * Default τ = 1,000. Garivier & Moulines' choice for horizon T with Υ changes is
 * τ = 2B·√(T ln T / Υ) (≈ 610 for T = 10⁴ and Υ = 1, ≈ 2,150 for T = 10⁵); set `window`.
 *
 * @example const r = new SwUcbRouter({ window: 500 });
 */
export class SwUcbRouter extends PaddedUcbRouter {
  /**
   * @param options τ, ξ, B and shared bandit options (not `discount`)
   * @param name the strategy name decisions carry
   * @throws {RoutingInputError} for an invalid option, or a discount (choose d-ucb)
   */
  constructor(options: SwUcbOptions = {}, name = "sw-ucb") {
    if (options.discount !== undefined && options.discount !== 1) {
      throw new RoutingInputError(
        "discount",
        "sw-ucb forgets by its window; use d-ucb to discount",
      );
    }
    super(name, { ...options, window: options.window ?? DEFAULT_SW_WINDOW }, 1);
  }
}
