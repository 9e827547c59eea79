import type { BanditOptions } from "./bandit-router.js";
import { RoutingInputError } from "./errors.js";
import { IndexRouter } from "./index-router.js";

/** Options of the `kl-ucb` strategy. */
export interface KlUcbOptions extends BanditOptions {
  /**
   * c in the exploration function log t + c·log log t; default 0 (plain log t, which
   * Garivier & Cappé recommend in practice; their proofs use c = 3).
   */
  c?: number;
}

/**
 * Bernoulli KL divergence kl(p, q) = p ln(p/q) + (1−p) ln((1−p)/(1−q)), with 0 ln 0 = 0.
 *
 * @param p in [0, 1]
 * @param q in [0, 1]
 * @returns kl(p, q) ≥ 0 (+∞ when q is 0 or 1 and p differs)
 * @example bernoulliKl(0.5, 0.9) // 0.5108…
 */
export function bernoulliKl(p: number, q: number): number {
  let k = 0;
  if (p > 0) k += p * Math.log(p / q);
  if (p < 1) k += (1 - p) * Math.log((1 - p) / (1 - q));
  return k;
}

/**
 * The KL-UCB index: the largest q ∈ [p, 1] with kl(p, q) ≤ bound.
 *
 * Why Newton from above: f(q) = kl(p, q) − bound is increasing and convex on [p, 1), so
 * Newton's method started at a point where f ≥ 0 descends monotonically onto the root and
 * never overshoots it. Pinsker's inequality kl(p, q) ≥ 2(q − p)² gives such a start,
 * p + √(bound/2) (capped just below 1, where kl → +∞). Typical indices take 3–6 steps of one
 * log pair each, where bisection to the same precision takes about 40; even from 1 − 10⁻¹²
 * each step multiplies the distance to 1 by ≈ ln(1/(1 − q)), so a root far from 1 is reached
 * in about a dozen. The result is the root to within 10⁻¹² (a property test compares it with
 * bisection), from above, so the index never understates the bound.
 *
 * @param p the empirical mean, in [0, 1]
 * @param bound the allowed divergence (exploration / pulls), ≥ 0
 * @returns the upper confidence bound, in [p, 1]
 * @example klUcbIndex(0.5, Math.log(100) / 10) // ≈ 0.83
 */
export function klUcbIndex(p: number, bound: number): number {
  if (!(bound > 0)) return p;
  if (p >= 1 - 1e-12) return 1; // within the precision of 1
  let q = Math.min(p + Math.sqrt(bound / 2), 1 - 1e-12);
  for (let k = 0; k < 100; k++) {
    const f = bernoulliKl(p, q) - bound;
    if (f <= 0) break; // at the cap (the root is above it), or on the root within rounding
    const step = (f * q * (1 - q)) / (q - p);
    q -= step;
    if (step <= 1e-13) break;
  }
  return q;
}

/**
 * KL-UCB (Garivier & Cappé 2011) for Bernoulli rewards, one bandit per query type: an untried
 * available backend first, else the highest index max{q : nᵢ·kl(p̂ᵢ, q) ≤ log t + c·log log t},
 * t the type's outcomes, nᵢ and p̂ᵢ the backend's outcomes and mean reward. Its regret is
 * asymptotically optimal: E[nᵢ(T)] ~ ln T / kl(μᵢ, μ*) (the Lai–Robbins constant). It needs no
 * randomness; ties go to the first available. Confidence is the chosen mean.
 *
 * @example const r = new KlUcbRouter({ c: 3 });
 */
export class KlUcbRouter extends IndexRouter {
  readonly c: number;

  /**
   * @param options c and shared bandit options
   * @param name the strategy name decisions carry
   * @throws {RoutingInputError} when c is negative or not finite
   */
  constructor(options: KlUcbOptions = {}, name = "kl-ucb") {
    super(name, options);
    const c = options.c ?? 0;
    if (!(c >= 0 && Number.isFinite(c))) {
      throw new RoutingInputError("c", `must be a finite number ≥ 0, got ${c}`);
    }
    this.c = c;
  }

  protected readonly title = "KL-UCB";
  protected readonly indexLabel = "KL upper confidence bound";
  private explore = 0;

  protected prepare(t: number): void {
    const logT = Math.log(Math.max(this.table.total[t], 1));
    // log log t is negative below t = e: the extra term starts once it is positive.
    this.explore = logT + (this.c > 0 && logT > 1 ? this.c * Math.log(logT) : 0);
  }

  protected index(mean: number, count: number): number {
    return klUcbIndex(mean, this.explore / count);
  }
}
