import { normalInterval } from "./estimate.js";
import type { Estimator } from "./estimator.js";
import type { OpeSample } from "./sample.js";

/** Σ m w r / Σ m w. */
function ratio(s: OpeSample, m?: Float64Array): number {
  const w = s.weight as Float64Array;
  let num = 0;
  let den = 0;
  for (let i = 0; i < s.n; i++) {
    const k = m ? m[i] : 1;
    num += k * w[i] * s.reward[i];
    den += k * w[i];
  }
  return num / den;
}

/**
 * Self-normalised IPS: V̂ = Σ w_i r_i / Σ w_i. Slightly biased (O(1/n)), but bounded by the
 * rewards and far less variable than IPS when weights are large. Interval: the delta-method
 * (sandwich) variance of a ratio, se² = Σ w_i² (r_i − V̂)² / (Σ w_i)².
 *
 * @example snips.estimate(sample)
 */
export const snips: Estimator = {
  name: "snips",
  needsPropensity: true,
  value: ratio,
  estimate: (s) => {
    const v = ratio(s);
    const w = s.weight as Float64Array;
    let ss = 0;
    let den = 0;
    for (let i = 0; i < s.n; i++) {
      const d = w[i] * (s.reward[i] - v);
      ss += d * d;
      den += w[i];
    }
    return normalInterval(v, Math.sqrt(ss) / den);
  },
};
