/**
 * The linearly interpolated quantile of sorted values (R's type 7, d3-array's `quantileSorted`):
 * between the order statistics around (n − 1)·q. Use it for summaries of a few numbers
 * (medians of timings, percentiles of a trace).
 *
 * @param sorted values in ascending order, at least one
 * @param q the probability in [0, 1]
 * @returns the interpolated quantile
 * @example quantileSorted([1, 2, 3, 4], 0.5) // 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/**
 * The order statistic x[⌊q·(n−1)⌋] of sorted values, with no interpolation: what the profilers
 * (old and new) report as a quantile, so errors are measured against the same definition. It
 * answers "which observed value", where {@link quantileSorted} answers "where between them".
 *
 * @param sorted values in ascending order, at least one
 * @param q the probability in [0, 1]
 * @returns one of the values
 * @example orderStatistic([1, 2, 3, 4], 0.5) // 2
 */
export function orderStatistic(sorted: ArrayLike<number>, q: number): number {
  return sorted[Math.floor(q * (sorted.length - 1))];
}
