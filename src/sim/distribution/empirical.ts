import type { Distribution } from "./distribution.js";
import type { EmpiricalSpec } from "./spec.js";

/**
 * The empirical distribution of recorded samples (e.g. a calibration trace): draws resample
 * the values uniformly, the cdf is the fraction at or below x.
 *
 * @param spec `{ type: "empirical", samples }` with at least one sample
 * @returns the compiled distribution
 * @example empiricalDistribution({ type: "empirical", samples: [1, 2, 3, 4] }).cdf(2) // 0.5
 */
export function empiricalDistribution(spec: EmpiricalSpec): Distribution {
  const sorted = Float64Array.from(spec.samples).sort();
  const n = sorted.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  /** The number of samples ≤ x, by binary search. */
  const countAtMost = (x: number): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    spec,
    mean: sum / n,
    sampler: (source) => () => sorted[Math.floor(source() * n)],
    cdf: (x) => countAtMost(x) / n,
    quantile: (p) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1))],
  };
}
