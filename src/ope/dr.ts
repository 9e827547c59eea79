import { normalInterval } from "./estimate.js";
import { type Estimator, meanOf } from "./estimator.js";
import type { OpeSample } from "./sample.js";

/** v(x_i) + w_i (r_i − r̂(type_i, a_i)) of each decision. */
function term(s: OpeSample): (i: number) => number {
  const w = s.weight as Float64Array;
  const { ctxValue, cellMean } = s.model;
  return (i) => ctxValue[s.ctx[i]] + w[i] * (s.reward[i] - cellMean[s.cell[i]]);
}

/**
 * Doubly robust (Dudík, Langford & Li 2011): the direct method plus an importance-weighted
 * correction of its residuals, V̂ = (1/n) Σ [v(x_i) + w_i (r_i − r̂(type_i, a_i))]. Unbiased
 * when either the propensities or the reward model are right; with a good model its variance
 * is below IPS's. Interval: mean ± 1.96 sd/√n of the per-decision terms.
 *
 * @example dr.estimate(sample)
 */
export const dr: Estimator = {
  name: "dr",
  needsPropensity: true,
  value: (s, m) => meanOf(s.n, term(s), m).mean,
  estimate: (s) => {
    const { mean, se } = meanOf(s.n, term(s));
    return normalInterval(mean, se);
  },
};
