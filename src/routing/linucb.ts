import type { Decision } from "./decision.js";
import { RoutingInputError } from "./errors.js";
import type { SparseFeatures } from "./featurize.js";
import type { LinearModel } from "./linear-model.js";
import { type LinearOptions, LinearRouter } from "./linear-router.js";

/** Options of the `linucb` strategy. */
export interface LinUcbOptions extends LinearOptions {
  /** Width α of the confidence bonus α·√(xᵀA⁻¹x); default 1. */
  alpha?: number;
}

/**
 * Disjoint LinUCB (Li, Chu, Langford & Schapire 2010, Algorithm 1): one ridge regression per
 * backend over the query's features x (hashed words and type, see Featurizer), and the
 * backend with the highest xᵀθ̂ + α·√(xᵀA⁻¹x) is chosen (ties: the first available). A⁻¹ is
 * kept by Sherman–Morrison updates. Deterministic. Confidence is the chosen xᵀθ̂, clamped to
 * [0, 1].
 *
 * α's default is 1. Li et al.'s α = 1 + √(ln(2/δ)/2) (2.36 for δ = 0.05) makes their
 * confidence statement hold, but explores far more than routing needs; `alpha` sets it.
 *
 * @example
 * const r = new LinUcbRouter({ alpha: 0.5 });
 * const d = r.select({ text: "who knows Alice" }, { available: ["neo4j", "qdrant"] });
 * r.record({ decision: d, relevance: 0.9, latencyMs: 30 });
 */
export class LinUcbRouter extends LinearRouter {
  readonly alpha: number;

  /**
   * @param options α, features, regulariser, reward and shared options
   * @param name the strategy name decisions carry
   * @throws {RoutingInputError} naming an invalid option
   */
  constructor(options: LinUcbOptions = {}, name = "linucb") {
    super(name, options);
    const alpha = options.alpha ?? 1;
    if (!(alpha >= 0 && Number.isFinite(alpha))) {
      throw new RoutingInputError("alpha", `must be a finite number ≥ 0, got ${alpha}`);
    }
    this.alpha = alpha;
  }

  protected score(m: LinearModel, x: SparseFeatures, mean: number): number {
    return mean + this.alpha * Math.sqrt(m.variance(x));
  }

  explain(d: Decision): string {
    const i = d.candidates.indexOf(d.backend);
    const score = d.scores?.[i] ?? Number.NaN;
    return `LinUCB: ${d.backend} has the highest upper confidence bound (${score.toFixed(3)}; predicted reward ${d.confidence.toFixed(3)}) for this query's features.`;
  }
}
