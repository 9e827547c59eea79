import { normalInterval } from "./estimate.js";
import { type Estimator, meanOf } from "./estimator.js";
import type { OpeSample } from "./sample.js";

/** w_i r_i of each decision. */
function term(s: OpeSample): (i: number) => number {
  const w = s.weight as Float64Array;
  const r = s.reward;
  return (i) => w[i] * r[i];
}

/**
 * Inverse propensity scoring (Horvitz–Thompson): V̂ = (1/n) Σ w_i r_i with
 * w_i = π(a_i | x_i)/μ(a_i | x_i). Unbiased when every action the target takes has a
 * propensity > 0; its variance grows with the weights. Interval: mean ± 1.96 sd(w r)/√n.
 *
 * @example ips.estimate(sample) // { value, lo, hi, se }
 */
export const ips: Estimator = {
  name: "ips",
  needsPropensity: true,
  value: (s, m) => meanOf(s.n, term(s), m).mean,
  estimate: (s) => {
    const { mean, se } = meanOf(s.n, term(s));
    return normalInterval(mean, se);
  },
};
