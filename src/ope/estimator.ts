import type { OpeEstimate } from "./estimate.js";
import type { OpeSample } from "./sample.js";

/** The four estimators' names, as the JSON report keys them. */
export type EstimatorName = "ips" | "snips" | "dm" | "dr";

/** One off-policy estimator of a fixed policy's value. */
export interface Estimator {
  readonly name: EstimatorName;
  /** Whether it weighs rows by inverse propensities (so needs every row's propensity). */
  readonly needsPropensity: boolean;
  /**
   * The point estimate with each decision counted m[i] times (a bootstrap replicate); the
   * plain estimate without m.
   */
  value(sample: OpeSample, m?: Float64Array): number;
  /** The estimate with its closed-form (sandwich) 95 % interval. */
  estimate(sample: OpeSample): OpeEstimate;
}

/**
 * The mean of f(i) over decisions and its standard error sd/√n (sample sd, n − 1), or with
 * multiplicities the weighted mean: the shape IPS, DM and DR share.
 *
 * @param n the number of decisions
 * @param f each decision's term
 * @param m optional multiplicity per decision (a bootstrap replicate); then `se` is NaN
 * @returns the mean and its standard error
 * @example meanOf(3, (i) => [1, 2, 3][i]) // { mean: 2, se: 0.577… }
 */
export function meanOf(
  n: number,
  f: (i: number) => number,
  m?: Float64Array,
): { mean: number; se: number } {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const w = m ? m[i] : 1;
    sum += w * f(i);
    count += w;
  }
  const mean = sum / count;
  if (m) return { mean, se: Number.NaN };
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = f(i) - mean;
    ss += d * d;
  }
  return { mean, se: n > 1 ? Math.sqrt(ss / (n - 1) / n) : Number.NaN };
}
