import jStat from "jstat";

/**
 * A mean with its 95 % confidence interval: the one shape every "estimate with uncertainty"
 * in the lab takes (strategy totals, sweep settings, forgetting settings, what-if effects).
 */
export interface Estimate {
  mean: number;
  /** Lower end of the 95 % interval; NaN (null in JSON) with fewer than two values. */
  lo: number;
  /** Upper end of the 95 % interval; NaN (null in JSON) with fewer than two values. */
  hi: number;
  /** Sample standard deviation (n − 1 denominator); 0 with one value. */
  sd: number;
  /** How many values the estimate rests on. */
  n: number;
}

/**
 * The mean of independent repetitions with a 95 % Student-t interval,
 * mean ± t(0.975, n − 1) · sd / √n. Repetitions are independent runs, and the mean of a
 * run-level metric is close to normal already for a handful of them. NaN values (e.g. a
 * percentile of no queries) are left out.
 *
 * @param values one value per repetition, in a fixed order
 * @param confidence the interval's two-sided confidence level (default 0.95); a multiple-test
 *   correction (see `holm`) asks for a wider one, e.g. 1 − 0.05 / 30
 * @returns the estimate; with one value the interval is NaN (one run has no spread to show),
 *   with none everything is NaN
 * @throws {RangeError} when confidence is not in (0, 1)
 * @example meanInterval([10, 12, 11]) // { mean: 11, lo: 8.52, hi: 13.48, sd: 1, n: 3 }
 */
export function meanInterval(values: readonly number[], confidence = 0.95): Estimate {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  }
  const xs = values.filter((v) => !Number.isNaN(v));
  const n = xs.length;
  if (n === 0) return { mean: Number.NaN, lo: Number.NaN, hi: Number.NaN, sd: Number.NaN, n };
  let sum = 0;
  for (const v of xs) sum += v;
  const mean = sum / n;
  if (n === 1) return { mean, lo: Number.NaN, hi: Number.NaN, sd: 0, n };
  let ss = 0;
  for (const v of xs) ss += (v - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const half = (jStat.studentt.inv(1 - (1 - confidence) / 2, n - 1) * sd) / Math.sqrt(n);
  return { mean, lo: mean - half, hi: mean + half, sd, n };
}

/**
 * Whether an estimate has an interval (two or more values).
 *
 * @param e an estimate
 * @returns true when `lo` and `hi` are numbers
 */
export function hasInterval(e: Estimate): boolean {
  return Number.isFinite(e.lo) && Number.isFinite(e.hi);
}
