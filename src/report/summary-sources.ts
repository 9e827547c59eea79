import { join } from "node:path";
import type { ScalingResult } from "../bench/index.js";
import type {
  CachingStudyResult,
  CalibrationResult,
  ExecutionPatternsResult,
  OpeStudyResult,
  ProfilerStudyResult,
  RoutingDecisionsResult,
  StrategyComparisonResult,
  TuningPriorsResult,
} from "../studies/index.js";
import { readResultFile } from "./read-result-file.js";
import {
  benchSchema,
  cachingSchema,
  calibrationSchema,
  executionPatternsSchema,
  offPolicyEvaluationSchema,
  profilerBottlenecksSchema,
  type ReportBenchReport,
  routingDecisionsSchema,
  scalingSchema,
  strategyComparisonSchema,
  tuningPriorsSchema,
} from "./schemas/index.js";
import type { ResultSource } from "./sourced.js";

/** The results files the performance summary is built from, by role. */
export const SUMMARY_FILES = {
  decisions: "01-routing-decisions.json",
  strategies: "02-strategy-comparison.json",
  patterns: "03-execution-patterns.json",
  scaling: "04-scaling.json",
  profiler: "05-profiler-bottlenecks.json",
  priors: "06-tuning-priors.json",
  calibration: "07-calibration.json",
  bench: "08-bench.json",
  offPolicy: "10-off-policy-evaluation.json",
  caching: "11-caching.json",
} as const;

/** One parsed results file per role, typed by the study that writes it. */
export interface SummarySources {
  decisions: ResultSource<RoutingDecisionsResult>;
  strategies: ResultSource<StrategyComparisonResult>;
  patterns: ResultSource<ExecutionPatternsResult>;
  scaling: ResultSource<ScalingResult>;
  profiler: ResultSource<ProfilerStudyResult>;
  priors: ResultSource<TuningPriorsResult>;
  calibration: ResultSource<CalibrationResult>;
  bench: ResultSource<ReportBenchReport>;
  offPolicy: ResultSource<OpeStudyResult>;
  caching: ResultSource<CachingStudyResult>;
}

/**
 * Reads every results file the summary needs from a results folder (the run's own, passed in:
 * the library never assumes `results/`), each checked against its result type's schema.
 *
 * @param resultsDir the folder the notebooks wrote to
 * @returns the parsed files, typed
 * @throws {ResultFileError} naming the first missing, malformed or mismatched file and, for a
 *   mismatch, each field
 */
export function readSummarySources(resultsDir: string): SummarySources {
  const read = <T>(name: string, parse: (path: string) => T): ResultSource<T> => ({
    name,
    data: parse(join(resultsDir, name)),
  });
  return {
    decisions: read(SUMMARY_FILES.decisions, (p) => readResultFile(p, routingDecisionsSchema)),
    strategies: read(SUMMARY_FILES.strategies, (p) => readResultFile(p, strategyComparisonSchema)),
    patterns: read(SUMMARY_FILES.patterns, (p) => readResultFile(p, executionPatternsSchema)),
    scaling: read(SUMMARY_FILES.scaling, (p) => readResultFile(p, scalingSchema)),
    profiler: read(SUMMARY_FILES.profiler, (p) => readResultFile(p, profilerBottlenecksSchema)),
    priors: read(SUMMARY_FILES.priors, (p) => readResultFile(p, tuningPriorsSchema)),
    calibration: read(SUMMARY_FILES.calibration, (p) => readResultFile(p, calibrationSchema)),
    bench: read(SUMMARY_FILES.bench, (p) => readResultFile(p, benchSchema)),
    offPolicy: read(SUMMARY_FILES.offPolicy, (p) => readResultFile(p, offPolicyEvaluationSchema)),
    caching: read(SUMMARY_FILES.caching, (p) => readResultFile(p, cachingSchema)),
  };
}
