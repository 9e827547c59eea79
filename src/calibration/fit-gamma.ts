import { digamma } from "./digamma.js";
import { checkPositiveSample, meanLog } from "./positive-sample.js";
import { trigamma } from "./trigamma.js";
import type { GammaDistribution } from "./types.js";

/** A gamma MLE with its asymptotic standard errors. */
export interface GammaEstimate {
  distribution: GammaDistribution;
  /** From the inverse Fisher information (see {@link fitGamma}). */
  standardErrors: { shape: number; scale: number };
  /** Newton steps taken on the shape. */
  iterations: number;
}

/**
 * Fits a gamma distribution by maximum likelihood.
 *
 * The profile likelihood in the shape k solves ln k − ψ(k) = s with s = ln(mean) − mean(ln x)
 * ≥ 0, and then θ̂ = mean/k̂. Minka (2002, "Estimating a Gamma distribution") gives the start
 * k₀ = (3 − s + √((s − 3)² + 24s)) / (12s), within 1.5 % everywhere, and the generalised
 * Newton step 1/k ← 1/k + (mean(ln x) − ln mean + ln k − ψ(k)) / (k²(1/k − ψ′(k))), which
 * converges in 2–4 steps to machine precision.
 *
 * Standard errors: the per-value Fisher information in (k, θ) is [[ψ′(k), 1/θ], [1/θ, k/θ²]],
 * with determinant (kψ′(k) − 1)/θ². Its inverse divided by n gives
 * Var(k̂) = k / (n(kψ′(k) − 1)) and Var(θ̂) = θ²ψ′(k) / (n(kψ′(k) − 1)).
 *
 * @param samples positive latencies, at least 2 and not all equal
 * @returns the fitted distribution, standard errors and iteration count
 * @throws {RangeError} on too few, non-positive or constant values
 * @example fitGamma([12, 15, 9, 30]).distribution // { family: "gamma", shape, scale }
 */
export function fitGamma(samples: readonly number[]): GammaEstimate {
  const n = checkPositiveSample(samples, "gamma");
  let sum = 0;
  for (let i = 0; i < n; i++) sum += samples[i];
  const mean = sum / n;
  const ml = meanLog(samples);
  const s = Math.log(mean) - ml;
  // By Jensen s ≥ 0, with equality only for a constant sample (rounding can make it ~−1e-16).
  if (!(s > 1e-14)) throw new RangeError("a gamma fit needs values that are not all equal");
  let k = (3 - s + Math.sqrt((s - 3) ** 2 + 24 * s)) / (12 * s);
  let iterations = 0;
  for (; iterations < 100; iterations++) {
    const invNext =
      1 / k + (ml - Math.log(mean) + Math.log(k) - digamma(k)) / (k * k * (1 / k - trigamma(k)));
    const next = 1 / invNext;
    const done = Math.abs(next - k) <= 1e-12 * k;
    k = next;
    if (done) break;
  }
  const scale = mean / k;
  const t = trigamma(k);
  const denom = n * (k * t - 1);
  return {
    distribution: { family: "gamma", shape: k, scale },
    standardErrors: { shape: Math.sqrt(k / denom), scale: Math.sqrt((scale * scale * t) / denom) },
    iterations: iterations + 1,
  };
}
