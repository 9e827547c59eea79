import { checkPositiveSample, meanLog } from "./positive-sample.js";
import type { WeibullDistribution } from "./types.js";

/** A Weibull MLE with its asymptotic standard errors. */
export interface WeibullEstimate {
  distribution: WeibullDistribution;
  /** From the inverse Fisher information (see {@link fitWeibull}). */
  standardErrors: { shape: number; scale: number };
  /** Newton steps taken on the shape. */
  iterations: number;
}

/** Euler–Mascheroni constant. */
const EULER_GAMMA = 0.5772156649015329;

/**
 * Fits a Weibull distribution by maximum likelihood, with Newton's method on the shape.
 *
 * The profile score in the shape k is g(k) = 1/k + mean(ln y) − Σ yᵏ ln y / Σ yᵏ, which is
 * strictly decreasing (g′(k) = −1/k² − Var_w(ln y) < 0), so its root is unique; Newton steps
 * are kept inside a shrinking bracket, falling back to bisection if a step leaves it. Values
 * are divided by their geometric mean first (y = x/gm) so yᵏ cannot overflow. Then
 * λ̂ = gm · (mean yᵏ)^(1/k). The start k₀ = π/(√6 · sd(ln x)) matches the variance of ln X,
 * which is π²/(6k²) for a Weibull.
 *
 * Standard errors: the per-value Fisher information in (λ, k) is
 * [[k²/λ², −(1 − γ)/λ], [−(1 − γ)/λ, ((1 − γ)² + π²/6)/k²]] with determinant π²/(6λ²), so
 * Var(k̂) = 6k²/(π²n) ≈ 0.608 k²/n and Var(λ̂) = λ²(1 + 6(1 − γ)²/π²)/(k²n) ≈ 1.109 λ²/(k²n).
 *
 * @param samples positive latencies, at least 2 and not all equal
 * @returns the fitted distribution, standard errors and iteration count
 * @throws {RangeError} on too few, non-positive or constant values
 * @example fitWeibull([12, 15, 9, 30]).distribution // { family: "weibull", shape, scale }
 */
export function fitWeibull(samples: readonly number[]): WeibullEstimate {
  const n = checkPositiveSample(samples, "Weibull");
  const ml = meanLog(samples);
  const logs = new Float64Array(n);
  let ss = 0;
  for (let i = 0; i < n; i++) {
    logs[i] = Math.log(samples[i]) - ml; // ln y, with mean 0
    ss += logs[i] * logs[i];
  }
  const sdLog = Math.sqrt(ss / n);
  if (!(sdLog > 0)) throw new RangeError("a Weibull fit needs values that are not all equal");

  // g(k) and g'(k); mean(ln y) is 0 by construction.
  const score = (k: number): { g: number; dg: number; s0: number } => {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const l = logs[i];
      const w = Math.exp(k * l);
      s0 += w;
      s1 += w * l;
      s2 += w * l * l;
    }
    const m1 = s1 / s0;
    return { g: 1 / k - m1, dg: -1 / (k * k) - (s2 / s0 - m1 * m1), s0 };
  };

  let k = Math.PI / (Math.sqrt(6) * sdLog);
  let lo = 0;
  let hi = Number.POSITIVE_INFINITY;
  let iterations = 0;
  let current = score(k);
  for (; iterations < 200; iterations++) {
    if (current.g > 0) lo = k;
    else hi = k;
    let next = k - current.g / current.dg;
    if (!(next > lo && next < hi)) next = Number.isFinite(hi) ? (lo + hi) / 2 : 2 * k;
    const done = Math.abs(next - k) <= 1e-12 * k;
    k = next;
    current = score(k);
    if (done) break;
  }
  const scale = Math.exp(ml) * (current.s0 / n) ** (1 / k);
  const oneMinusGamma = 1 - EULER_GAMMA;
  return {
    distribution: { family: "weibull", shape: k, scale },
    standardErrors: {
      shape: Math.sqrt((6 * k * k) / (Math.PI * Math.PI * n)),
      scale: Math.sqrt(
        (scale * scale * (1 + (6 * oneMinusGamma * oneMinusGamma) / (Math.PI * Math.PI))) /
          (k * k * n),
      ),
    },
    iterations: iterations + 1,
  };
}
