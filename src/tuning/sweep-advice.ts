import { formatLevel } from "../format/number.js";
import { type Estimate, meanInterval } from "../stats/estimate.js";
import { pairedHolm } from "../stats/paired-holm.js";

/**
 * What a sweep may advise:
 * - `advised`: a setting's SLO attainment beats the Beta(1, 1), no-forgetting baseline with a
 *   Holm-corrected paired 95 % interval above 0;
 * - `not-shown-better`: no setting does (the leader is named, but not advised);
 * - `no-baseline`: the sweep has no baseline to confirm against, so nothing is advised.
 */
export type SweepVerdict = "advised" | "not-shown-better" | "no-baseline";

/** The sweep's verdict against the baseline, judged by SLO attainment. */
export interface SweepAdvice {
  verdict: SweepVerdict;
  /** The advised setting; otherwise the leader (highest mean SLO attainment). */
  id: string;
  /** The baseline cell's id; null when the sweep has none. */
  baseline: string | null;
  /**
   * SLO attainment as fractions: the baseline's mean (`before`), the setting's (`after`) and
   * their paired difference (setting − baseline, per repetition) at `confidence`; null
   * without a baseline.
   */
  effect: { sloAttainment: { before: number; after: number; diff: Estimate } } | null;
  /** Two-sided confidence of `diff`: 1 − the Holm level the setting was tested at. */
  confidence: number | null;
  pValue: number | null;
  adjustedPValue: number | null;
  /** Settings compared with the baseline: the size of the Holm family. */
  tested: number;
  /** Family-wise error rate. */
  alpha: number;
  /** Settings whose corrected interval lies above 0, largest gain first. */
  shownBetter: string[];
  /** One sentence for the report. */
  reason: string;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const points = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(2)}`;

/**
 * The sweep's verdict. Every setting but the baseline is compared with the baseline on SLO
 * attainment, paired over repetitions (repetition r of every setting sees the same traffic:
 * common random numbers), and the intervals are corrected for the number of settings with
 * Holm ({@link pairedHolm}, as verified advice does): the leader of a grid is the largest of
 * many noisy means, so its uncorrected interval would exclude 0 by chance far more often
 * than 5 %. A setting is advised only when its corrected interval lies above 0; among those,
 * the one with the largest mean gain.
 *
 * @param input cell ids, per cell its SLO attainment per repetition (same repetitions in
 *   each), the baseline's index (−1 when none) and the leader's index
 * @param alpha family-wise error rate (default 0.05)
 * @returns the verdict with its numbers
 * @throws {RangeError} when alpha is not in (0, 1)
 * @example sweepAdvice({ ids, slo, baseline: ids.indexOf("baseline"), leader: 0 }).verdict
 */
export function sweepAdvice(
  input: {
    ids: readonly string[];
    slo: readonly (readonly number[])[];
    baseline: number;
    leader: number;
  },
  alpha = 0.05,
): SweepAdvice {
  const { ids, slo, baseline, leader } = input;
  const family = ids.map((_, i) => i).filter((i) => i !== baseline);
  if (baseline < 0) {
    return {
      verdict: "no-baseline",
      id: ids[leader],
      baseline: null,
      effect: null,
      confidence: null,
      pValue: null,
      adjustedPValue: null,
      tested: 0,
      alpha,
      shownBetter: [],
      reason:
        "the sweep has no Beta(1, 1), no-forgetting baseline to confirm against (it ran with --no-baseline), so no setting is advised",
    };
  }
  const base = slo[baseline];
  if (family.length === 0) {
    return {
      verdict: "not-shown-better",
      id: ids[baseline],
      baseline: ids[baseline],
      effect: { sloAttainment: { before: mean(base), after: mean(base), diff: meanInterval([]) } },
      confidence: null,
      pValue: null,
      adjustedPValue: null,
      tested: 0,
      alpha,
      shownBetter: [],
      reason: "the grid holds only the baseline setting: there is nothing to compare it with",
    };
  }
  const tests = pairedHolm(
    family.map((i) => slo[i].map((x, r) => x - base[r])),
    alpha,
  );
  const confirmed = family
    .map((i, k) => ({ i, t: tests[k] }))
    .filter((x) => x.t.above)
    .sort((a, b) => b.t.diff.mean - a.t.diff.mean || a.i - b.i);
  // When the baseline itself leads, it is compared with the best of the rest.
  const shown = confirmed[0]?.i ?? (leader === baseline ? bestOther(family, slo) : leader);
  const k = family.indexOf(shown);
  const t = tests[k];
  const advised = confirmed.length > 0;
  const level = `${formatLevel(t.confidence)} (Holm over ${family.length} settings)`;
  const diff = `${points(t.diff.mean)} points`;
  const reason = advised
    ? `SLO attainment ${diff} against Beta(1, 1) without forgetting; the ${level} paired interval lies above 0`
    : t.diff.n < 2
      ? "one repetition has no interval: run at least 2 (--reps) to confirm a setting"
      : `no setting was shown better than Beta(1, 1) without forgetting (the best, ${ids[shown]}: SLO attainment ${diff}; its ${level} paired interval ${t.diff.hi < 0 ? "lies below" : "includes"} 0)`;
  return {
    verdict: advised ? "advised" : "not-shown-better",
    id: ids[shown],
    baseline: ids[baseline],
    effect: {
      sloAttainment: { before: mean(base), after: mean(slo[shown]), diff: t.diff },
    },
    confidence: t.confidence,
    pValue: t.pValue,
    adjustedPValue: t.adjustedPValue,
    tested: family.length,
    alpha,
    shownBetter: confirmed.map((x) => ids[x.i]),
    reason,
  };
}

/** The non-baseline cell with the highest mean SLO attainment. */
function bestOther(family: readonly number[], slo: readonly (readonly number[])[]): number {
  return family.reduce((a, b) => (mean(slo[b]) > mean(slo[a]) ? b : a));
}
