/** What notebook 10's study finds. */
import type { OpeStudyPlan } from "./plan.js";

/** One estimator over the study's traces. */
export interface EstimatorSummary {
  /** Mean estimate over traces. */
  mean: number;
  /** Standard deviation of the estimates across traces. */
  sd: number;
  /** Root mean squared error against the truth. */
  rmse: number;
  /** Traces whose interval covered the truth. */
  covered: number;
  /** Mean interval width. */
  width: number;
}

/** One policy's estimates from one logging policy's traces. */
export interface PolicyRow {
  policy: string;
  /** Its on-policy SLO attainment. */
  truth: number;
  /** Per estimator (only those every trace gave). */
  estimators: Record<string, EstimatorSummary>;
  /** Mean effective sample size. */
  effectiveSampleSize: number;
  /** Mean share of its choices in cells the log never tried. */
  unsupportedShare: number;
}

/** One weight cap's effect (traces logged by ε-greedy, target rule-based). */
export interface ClipRow {
  clip: number;
  ips: EstimatorSummary;
  dr: EstimatorSummary;
}

/** What {@link runOpeStudy} found. */
export interface OpeStudyResult {
  plan: OpeStudyPlan;
  /** Traces logged by uniform random routing. */
  uniform: PolicyRow[];
  /** Traces logged by ε-greedy (exact propensities ε/K or 1 − ε + ε/K): clipping. */
  clipping: { truth: number; rows: ClipRow[] };
  /** Traces logged by rule-based (propensity 1 everywhere): no overlap. */
  deterministic: { policy: string; truth: number; outcome: string }[];
}
