import { orderStatistic } from "../stats/quantile.js";

/** How far a "last N samples" window's quantile strays from the exact one, over a series. */
export interface WindowQuantileError {
  /** The quantile, e.g. 0.99. */
  q: number;
  /** Median over windows of |window quantile − exact| / exact. */
  median: number;
  /** Largest such error over windows. */
  max: number;
}

/**
 * The old profiler's estimator, measured: it reported each quantile from the last `window`
 * samples only. Splits `values` into consecutive windows of that size (what the old profiler
 * would have reported at each point of the series) and compares each window's quantile with
 * the exact quantile of the whole series, both as the order statistic x[⌊q·(n−1)⌋]. On a
 * stationary series the window's error is sampling error alone: a 1,000-sample window holds
 * ten values above its p99 and one above its p99.9.
 *
 * @param values the series, in order
 * @param window samples per window (the old system kept 1,000)
 * @param quantiles the quantiles to check
 * @returns per quantile, the median and largest relative error over windows
 * @throws {RangeError} when the series is shorter than one window
 * @example windowQuantileErrors(latencies, 1_000, [0.99, 0.999])[0].median
 */
export function windowQuantileErrors(
  values: Float64Array,
  window: number,
  quantiles: readonly number[],
): WindowQuantileError[] {
  const windows = Math.floor(values.length / window);
  if (!(Number.isInteger(window) && window >= 1) || windows === 0) {
    throw new RangeError(`need at least one window of ${window} values, got ${values.length}`);
  }
  const all = values.slice().sort();
  const exact = quantiles.map((q) => orderStatistic(all, q));
  const errors = quantiles.map(() => new Float64Array(windows));
  for (let w = 0; w < windows; w++) {
    const sorted = values.slice(w * window, (w + 1) * window).sort();
    for (let i = 0; i < quantiles.length; i++) {
      errors[i][w] = Math.abs(orderStatistic(sorted, quantiles[i]) - exact[i]) / exact[i];
    }
  }
  return quantiles.map((q, i) => {
    const e = errors[i].sort();
    return { q, median: e[Math.floor((e.length - 1) / 2)], max: e[e.length - 1] };
  });
}
