import jStat from "jstat";

/** A mean with its 95 % confidence interval (Student t over repetitions). */
export interface Interval {
  mean: number;
  /** Sample standard deviation (n − 1); 0 for one value. */
  sd: number;
  /** [lo, hi]; null with fewer than 2 values. */
  ci95: [number, number] | null;
  n: number;
}

/**
 * The mean of independent repetitions with a 95 % Student-t interval: mean ± t₀.₉₇₅,ₙ₋₁ · sd/√n.
 * Repetitions are independent runs, and the mean of a run-level metric is close to normal
 * already for a handful of them.
 *
 * @param values one value per repetition, in a fixed order
 * @returns mean, sd, interval and count
 * @throws {RangeError} on an empty list
 * @example meanInterval([10, 12, 11]).ci95 // [8.52, 13.48]
 */
export function meanInterval(values: readonly number[]): Interval {
  const n = values.length;
  if (n === 0) throw new RangeError("an interval needs at least 1 value");
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  if (n < 2) return { mean, sd: 0, ci95: null, n };
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const half = jStat.studentt.inv(0.975, n - 1) * (sd / Math.sqrt(n));
  return { mean, sd, ci95: [mean - half, mean + half], n };
}
