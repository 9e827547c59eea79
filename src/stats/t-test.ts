import jStat from "jstat";
import type { Estimate } from "./estimate.js";

/**
 * The two-sided p-value of a one-sample t-test of "the true mean is 0", from an estimate of
 * paired differences (or any mean of independent repetitions): 2 · P(T > |mean| / (sd / √n))
 * with T ~ Student-t(n − 1).
 *
 * Zero spread is handled, not divided by: with sd 0 every difference is the same, so a mean of
 * 0 is no evidence of an effect (p = 1) and any other mean is certain (p = 0). Common random
 * numbers make that happen when a change leaves every run untouched.
 *
 * @param e the estimate (`meanInterval` of the differences)
 * @returns p in [0, 1]; NaN with fewer than two values
 * @example tTestPValue(meanInterval([0.01, 0.012, 0.009, 0.011, 0.01])) // ≈ 2e-5
 */
export function tTestPValue(e: Estimate): number {
  if (!(e.n >= 2) || Number.isNaN(e.mean)) return Number.NaN;
  if (e.sd === 0) return e.mean === 0 ? 1 : 0;
  const t = Math.abs(e.mean) / (e.sd / Math.sqrt(e.n));
  return Math.min(1, 2 * (1 - jStat.studentt.cdf(t, e.n - 1)));
}
