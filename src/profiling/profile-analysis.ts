import type { AdviceVerification, VerifiedRecommendation } from "./advice-types.js";
import {
  type BottleneckThresholds,
  DEFAULT_BOTTLENECK_THRESHOLDS,
} from "./bottleneck-thresholds.js";
import { type Finding, findBottlenecks } from "./find-bottlenecks.js";
import type { OutcomeTable } from "./outcome-table.js";
import type { ProfileReport } from "./profile-report.js";
import { type RecommendOptions, recommend } from "./recommend.js";

/** Where a profile came from, for the report header. */
export interface ProfileSource {
  /** e.g. `trace data/traces/x.csv` or `simulation baseline × thompson`. */
  label: string;
  /** Rows or queries read. */
  rows: number;
  /** What `rows` counts, e.g. `rows` or `queries`. Default `rows`. */
  unit?: string;
  /** Invalid rows skipped (traces read with `--skip-invalid`). */
  skipped: number;
  /** The first skipped rows' problems, `line: problem`. */
  issues: string[];
  /** Columns the trace had that the format does not define. */
  ignoredColumns: string[];
  /** Wall time spent reading and profiling, in ms. */
  elapsedMs: number;
  /** What the report's figures count, when it is not plain (e.g. how rows became queries). */
  notes?: string[];
}

/** A profile with its diagnosis: what the reports print. */
export interface ProfileAnalysis {
  source?: ProfileSource;
  sloMs: number;
  sloQuantile: number;
  report: ProfileReport;
  findings: Finding[];
  /**
   * Every candidate change with its verdict: advised first, then rejected, then unverified
   * (all `unverified` until `verifyAdvice` re-simulates them).
   */
  recommendations: VerifiedRecommendation[];
  /** How the recommendations were verified, when they were re-simulated. */
  advice?: AdviceVerification;
  /** Success and relevance per backend and per backend × query type, where known. */
  outcomes?: OutcomeTable;
}

/** Options for {@link analyzeProfile}. */
export interface AnalyzeOptions {
  sloMs: number;
  thresholds?: Partial<BottleneckThresholds>;
  recommend?: RecommendOptions;
  source?: ProfileSource;
  /** Success and relevance per backend × query type (also feeds per-type candidates). */
  outcomes?: OutcomeTable;
}

/**
 * Diagnoses a profile: bottlenecks against the SLO, then recommendations.
 *
 * @param report `profiler.report()`
 * @param options SLO, threshold overrides, recommendation tuning, source, outcome table
 * @returns the analysis the text, markdown and JSON reports print
 * @throws {RangeError} on an invalid SLO (see `findBottlenecks`)
 * @example formatProfileText(analyzeProfile(profiler.report(), { sloMs: 200 }))
 */
export function analyzeProfile(report: ProfileReport, options: AnalyzeOptions): ProfileAnalysis {
  const findings = findBottlenecks(report, {
    sloMs: options.sloMs,
    thresholds: options.thresholds,
  });
  return {
    source: options.source,
    sloMs: options.sloMs,
    sloQuantile: options.thresholds?.sloQuantile ?? DEFAULT_BOTTLENECK_THRESHOLDS.sloQuantile,
    report,
    findings,
    recommendations: recommend(findings, report, {
      sloMs: options.sloMs,
      outcomes: options.outcomes,
      ...options.recommend,
    }).map((r) => ({ ...r, verdict: "unverified", reason: "not re-simulated" })),
    ...(options.outcomes === undefined ? {} : { outcomes: options.outcomes }),
  };
}
