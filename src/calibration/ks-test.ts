import type { KsResult } from "./types.js";

/**
 * The one-sample Kolmogorov–Smirnov statistic D = sup |Fₙ(x) − F(x)|.
 *
 * @param samples the values (any order; they are sorted internally, not in place)
 * @param cdf the hypothesised continuous distribution function
 * @returns D in [0, 1]
 * @throws {RangeError} on an empty sample
 * @example ksStatistic([0.1, 0.5, 0.9], (x) => x) // 0.2333…
 */
export function ksStatistic(samples: readonly number[], cdf: (x: number) => number): number {
  const n = samples.length;
  if (n === 0) throw new RangeError("the KS statistic needs at least 1 value");
  const sorted = Float64Array.from(samples).sort();
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]);
    // Fₙ jumps from i/n to (i + 1)/n at the i-th order statistic (0-based).
    const above = (i + 1) / n - f;
    const below = f - i / n;
    if (above > d) d = above;
    if (below > d) d = below;
  }
  return d;
}

/**
 * The asymptotic p-value P(D > d) for a sample of size n: the Kolmogorov distribution's tail
 * Q(λ) = 2 Σ_{j≥1} (−1)^{j−1} e^{−2j²λ²}, at λ = (√n + 0.12 + 0.11/√n)·d (Stephens 1970, which
 * makes it accurate from n ≈ 5). For λ < 0.3 the series converges slowly but Q(λ) > 0.9999,
 * so 1 is returned.
 *
 * @param statistic the KS statistic D
 * @param n the sample size
 * @returns the p-value in [0, 1]
 * @throws {RangeError} when n < 1 or D is outside [0, 1]
 * @example ksPValue(0.0136, 10_000) // ≈ 0.05
 */
export function ksPValue(statistic: number, n: number): number {
  if (!(n >= 1)) throw new RangeError(`n must be at least 1, got ${n}`);
  if (!(statistic >= 0 && statistic <= 1)) {
    throw new RangeError(`a KS statistic lies in [0, 1], got ${statistic}`);
  }
  const sqrtN = Math.sqrt(n);
  const lambda = (sqrtN + 0.12 + 0.11 / sqrtN) * statistic;
  if (lambda < 0.3) return 1;
  let sum = 0;
  let sign = 1;
  for (let j = 1; j <= 100; j++) {
    const term = Math.exp(-2 * j * j * lambda * lambda);
    sum += sign * term;
    if (term < 1e-16 * Math.max(sum, 1e-300)) break;
    sign = -sign;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/**
 * The KS statistic and its asymptotic p-value together.
 *
 * @param samples the values
 * @param cdf the hypothesised distribution function
 * @returns statistic and p-value
 * @example ksTest(xs, (x) => distributionCdf(fit.distribution, x))
 */
export function ksTest(samples: readonly number[], cdf: (x: number) => number): KsResult {
  const statistic = ksStatistic(samples, cdf);
  return { statistic, pValue: ksPValue(statistic, samples.length) };
}
