import { quantileSorted } from "./quantile.js";

/**
 * The median of unsorted values (the mean of the middle two for an even count).
 *
 * @param values at least one number
 * @returns the median; NaN for no values
 * @example median([3, 1, 2, 10]) // 2.5
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  return quantileSorted(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}
