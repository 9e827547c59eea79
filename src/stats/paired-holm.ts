import { type Estimate, hasInterval, meanInterval } from "./estimate.js";
import { holm } from "./holm.js";
import { tTestPValue } from "./t-test.js";

/** One candidate's paired comparison with a reference, inside a Holm family. */
export interface PairedHolmTest {
  /** Mean paired difference (candidate − reference) with its interval at `confidence`. */
  diff: Estimate;
  /** Two-sided one-sample t-test p-value of "the mean difference is 0"; NaN with < 2 pairs. */
  pValue: number;
  /** Holm-adjusted p-value; NaN with < 2 pairs. */
  adjustedPValue: number;
  /** 1 − the Holm level this candidate was tested at (1 − α when it could not be tested). */
  confidence: number;
  /** The interval at `confidence` lies above 0: Holm rejects "no gain" and the gain is positive. */
  above: boolean;
}

/**
 * Paired comparisons of several candidates with one reference, corrected for their number by
 * Holm's step-down procedure: each candidate's differences (one per paired repetition, e.g.
 * SLO attainment after − before under common random numbers) get a t-test p-value, Holm sets
 * the level each is tested at, and the interval is drawn at 1 − that level, so an interval
 * above 0 and a Holm rejection with a positive mean are the same event. Used by verified
 * advice (`analysis/verify-advice`) and by the prior sweep's verdict (`tuning/sweep-advice`).
 *
 * @param diffs per candidate, its paired differences in repetition order
 * @param alpha family-wise error rate (default 0.05)
 * @returns one test per candidate, in input order
 * @throws {RangeError} when alpha is not in (0, 1)
 * @example pairedHolm([[0.02, 0.03, 0.025], [0.01, -0.01, 0]])[0].above // true
 */
export function pairedHolm(diffs: readonly (readonly number[])[], alpha = 0.05): PairedHolmTest[] {
  const pValues = diffs.map((d) => tTestPValue(meanInterval(d)));
  const correction = holm(pValues, alpha);
  return diffs.map((d, k) => {
    const level = correction.level[k];
    const confidence = Number.isFinite(level) ? 1 - level : 1 - alpha;
    const diff = meanInterval(d, confidence);
    return {
      diff,
      pValue: pValues[k],
      adjustedPValue: correction.adjusted[k],
      confidence,
      above: hasInterval(diff) && diff.lo > 0,
    };
  });
}
