import { checkPositiveSample, meanLog } from "./positive-sample.js";
import type { LognormalDistribution } from "./types.js";

/** A lognormal MLE with its asymptotic standard errors. */
export interface LognormalEstimate {
  distribution: LognormalDistribution;
  /** From the Fisher information: se(μ) = σ/√n, se(σ) = σ/√(2n). */
  standardErrors: { mu: number; sigma: number };
}

/**
 * Fits a lognormal by maximum likelihood (closed form): μ̂ is the mean of ln x and σ̂² the
 * mean squared deviation of ln x (the MLE divides by n, not n − 1).
 *
 * Standard errors: ln x ~ N(μ, σ²) has Fisher information diag(1/σ², 2/σ²) per value, so
 * se(μ̂) = σ/√n and se(σ̂) = σ/√(2n).
 *
 * @param samples positive latencies, at least 2 and not all equal
 * @returns the fitted distribution and standard errors
 * @throws {RangeError} on too few, non-positive or constant values
 * @example fitLognormal([12, 15, 9, 30]).distribution // { family: "lognormal", mu, sigma }
 */
export function fitLognormal(samples: readonly number[]): LognormalEstimate {
  const n = checkPositiveSample(samples, "lognormal");
  const mu = meanLog(samples);
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.log(samples[i]) - mu;
    ss += d * d;
  }
  const sigma = Math.sqrt(ss / n);
  if (!(sigma > 0)) throw new RangeError("a lognormal fit needs values that are not all equal");
  return {
    distribution: { family: "lognormal", mu, sigma },
    standardErrors: { mu: sigma / Math.sqrt(n), sigma: sigma / Math.sqrt(2 * n) },
  };
}
