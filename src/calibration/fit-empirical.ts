import type { EmpiricalDistribution } from "./types.js";

/** Options for {@link fitEmpirical}. */
export interface EmpiricalOptions {
  /**
   * How many quantiles to keep, at most (default 1000; never more than the sample size).
   * 1000 keeps the tail to p99.95; fewer make a smaller scenario file and coarser tails.
   */
  points?: number;
}

/**
 * Summarises a sample by `m` quantiles at probabilities (i + ½)/m, linearly interpolated
 * between order statistics (Hyndman–Fan type 5). With m = n these are the sorted values.
 *
 * @param samples finite, non-negative latencies (zeros are allowed, unlike the parametric fits)
 * @param options how many quantiles to keep
 * @returns the quantile summary
 * @throws {RangeError} on an empty sample, a negative or non-finite value, or points < 1
 * @example fitEmpirical([3, 1, 2], { points: 3 }) // { family: "empirical", quantiles: [1, 2, 3] }
 */
export function fitEmpirical(
  samples: readonly number[],
  options: EmpiricalOptions = {},
): EmpiricalDistribution {
  const n = samples.length;
  if (n === 0) throw new RangeError("an empirical fit needs at least 1 value");
  const sorted = Float64Array.from(samples).sort();
  if (!(sorted[0] >= 0) || !Number.isFinite(sorted[n - 1])) {
    throw new RangeError("an empirical fit needs finite, non-negative values");
  }
  const points = options.points ?? 1000;
  if (!(Number.isInteger(points) && points >= 1)) {
    throw new RangeError(`points must be a positive integer, got ${points}`);
  }
  // More quantiles than values would only interpolate between the same order statistics.
  const m = Math.min(points, n);
  const quantiles = new Array<number>(m);
  for (let i = 0; i < m; i++) {
    // Type 5: the j-th order statistic (0-based) sits at probability (j + ½)/n, so the
    // quantile at (i + ½)/m sits at index h = (2i + 1)n/(2m) − ½; one integer division keeps
    // h exact when m = n.
    const h = ((2 * i + 1) * n) / (2 * m) - 0.5;
    const j = Math.min(Math.max(Math.floor(h), 0), n - 1);
    const next = Math.min(j + 1, n - 1);
    const frac = Math.min(Math.max(h - j, 0), 1);
    quantiles[i] = sorted[j] + frac * (sorted[next] - sorted[j]);
  }
  return { family: "empirical", quantiles };
}
