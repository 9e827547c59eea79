import { standardNormal } from "../random/index.js";
import type { Decision } from "./decision.js";
import { RoutingInputError } from "./errors.js";
import type { SparseFeatures } from "./featurize.js";
import type { LinearModel } from "./linear-model.js";
import { type LinearOptions, LinearRouter } from "./linear-router.js";

/** Options of the `linear-thompson` strategy. */
export interface LinearThompsonOptions extends LinearOptions {
  /** Scale v of the posterior: θ̃ ~ N(θ̂, v²A⁻¹); default 0.5. */
  v?: number;
}

/**
 * Linear Thompson sampling (Agrawal & Goyal 2013), disjoint: one ridge regression per backend
 * over the query's features x, posterior θ̃ ~ N(θ̂, v²A⁻¹), and the backend with the highest
 * sampled reward xᵀθ̃ is chosen. Only xᵀθ̃ is needed, and for one backend it is a univariate
 * normal with mean xᵀθ̂ and variance v²·xᵀA⁻¹x, so one standard normal draw per backend
 * replaces a d-dimensional multivariate sample (no Cholesky factor of A⁻¹ is kept).
 * Confidence is the chosen xᵀθ̂, clamped to [0, 1].
 *
 * v's default is 0.5: rewards in [0, 1] are ½-sub-Gaussian (R = ½). Agrawal & Goyal's
 * v = R·√(24 d ln(1/δ) / ε) makes their regret bound hold, but at d = 69 it is over 20 and
 * samples are almost pure noise for thousands of rounds; `v` sets it.
 *
 * @example
 * const r = new LinearThompsonRouter({ seed: 1, v: 0.25 });
 * const d = r.select({ text: "my favourite places" }, { available: ["mem0", "qdrant"] });
 */
export class LinearThompsonRouter extends LinearRouter {
  readonly v: number;

  /**
   * @param options v, features, regulariser, reward and shared options
   * @param name the strategy name decisions carry
   * @throws {RoutingInputError} naming an invalid option
   */
  constructor(options: LinearThompsonOptions = {}, name = "linear-thompson") {
    super(name, options);
    const v = options.v ?? 0.5;
    if (!(v >= 0 && Number.isFinite(v))) {
      throw new RoutingInputError("v", `must be a finite number ≥ 0, got ${v}`);
    }
    this.v = v;
  }

  protected score(m: LinearModel, x: SparseFeatures, mean: number): number {
    return mean + this.v * Math.sqrt(m.variance(x)) * standardNormal(this.rng);
  }

  explain(d: Decision): string {
    const i = d.candidates.indexOf(d.backend);
    const draw = d.scores?.[i] ?? Number.NaN;
    return `Linear Thompson sampling: ${d.backend} drew ${draw.toFixed(3)}, the highest of ${d.candidates.length} available backends (predicted reward ${d.confidence.toFixed(3)}) for this query's features.`;
  }
}
