import { quantileSorted } from "./quantile.js";

/** Median and spread of repeated measurements. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  /** Median absolute deviation from the median. */
  mad: number;
  runs: number;
}

/**
 * Summarises repeated measurements by their median and spread: medians resist the outliers
 * that a shared, noisy machine produces.
 *
 * @param values one figure per run
 * @returns median, min, max and MAD
 * @throws {RangeError} on an empty list
 */
export function spreadOf(values: readonly number[]): Spread {
  if (values.length === 0) throw new RangeError("spreadOf needs at least one value");
  const sorted = [...values].sort((a, b) => a - b);
  const median = quantileSorted(sorted, 0.5);
  const deviations = sorted.map((v) => Math.abs(v - median)).sort((a, b) => a - b);
  return {
    median,
    min: sorted[0],
    max: sorted[sorted.length - 1],
    mad: quantileSorted(deviations, 0.5),
    runs: values.length,
  };
}
