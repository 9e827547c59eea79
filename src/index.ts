/**
 * routing-lab's public API: what a notebook or a program needs to route, simulate, profile,
 * calibrate, tune and report, by name. Everything else is one subpath away, one per folder of
 * `src/` (`routing-lab/studies`, `routing-lab/bench`, `routing-lab/plot`, … — see package.json
 * `exports`; notebooks import `../dist/<folder>/index.js`). `test/index.test.ts` keeps this
 * list under 150 runtime names.
 */

export { profileSimulation } from "./analysis/profile-simulation.js";
export { routingByType } from "./analysis/routing-by-type.js";
export { type StrategyVerdict, strategyVerdict } from "./analysis/strategy-verdict.js";
export { traceModel } from "./analysis/trace-model.js";
export { verifyAdvice } from "./analysis/verify-advice.js";
export { type WhatIfBase, whatIf } from "./analysis/what-if.js";
export { runBenchSuite } from "./bench/suite.js";
export { comparePercentiles } from "./calibration/compare-percentiles.js";
export { fitLatency } from "./calibration/fit-latency.js";
export { fitTrace, type TraceFit } from "./calibration/fit-trace.js";
export { formatTraceFit } from "./calibration/format-trace-fit.js";
export { simulateTrace } from "./calibration/simulate-trace.js";
export { traceFitToScenario } from "./calibration/trace-fit-to-scenario.js";
// ---- Files, settings, formatting, errors ---------------------------------------------------
export { UsageError } from "./errors.js";
export { PatternExecutor } from "./execution/index.js";
export { formatEstimate } from "./format/estimate.js";
export { formatCount, formatMs, formatPercent } from "./format/number.js";
export { writeFileAtomic, writeJsonAtomic } from "./io/atomic-write.js";
export { runEnvironment } from "./lab/environment.js";
export { type LabSettings, labSettings, projectRoot } from "./lab/settings.js";
// ---- Off-policy evaluation (the rest: routing-lab/ope) -----------------------------------
export {
  type EvaluateOptions,
  type EvaluationReport,
  evaluateLogged,
  evaluateTrace,
} from "./ope/evaluate.js";
export { formatEvaluation } from "./ope/format-evaluation.js";
// ---- Execution patterns ------------------------------------------------------------------
export {
  formatPatternSpec,
  PATTERN_NAMES,
  type PatternInput,
  type PatternSpec,
  parsePatternSpec,
} from "./patterns/spec.js";
// ---- Figures, benchmarks, the report -------------------------------------------------------
export { renderPlot } from "./plot/render.js";
export { saveFigure, toStandaloneSvg } from "./plot/save.js";
export { type ShowOptions, show } from "./plot/show.js";
export { formatProfileMarkdown } from "./profiling/format-profile-markdown.js";
export { formatProfileText } from "./profiling/format-profile-text.js";
export { serveMetrics } from "./profiling/metrics-server.js";
export { analyzeProfile, type ProfileAnalysis } from "./profiling/profile-analysis.js";
export { profileTrace } from "./profiling/profile-trace.js";
export { createPrometheusRegistry } from "./profiling/prometheus-registry.js";
// ---- Profiling and verified advice ---------------------------------------------------------
export { RoutingProfiler } from "./profiling/routing-profiler.js";
// The queue (BullMQ on Redis) is `routing-lab/queue`: importing it loads BullMQ, ≈ 0.5 s.
export { sampleBeta } from "./random/beta.js";
export { sampleGamma } from "./random/gamma.js";
export { standardNormal } from "./random/normal.js";
export { sampleMany } from "./random/sample-many.js";
export { createStream, RandomStream } from "./random/stream.js";
export { buildPerformanceSummary } from "./report/performance-summary.js";
export { verifyReport } from "./report/verify.js";
export { AbTestRouter } from "./routing/ab-test.js";
export { AlwaysRouter } from "./routing/always-router.js";
export { defaultClassifier } from "./routing/base-router.js";
export { routeBatch } from "./routing/batch.js";
export { QueryClassifier } from "./routing/classifier.js";
export { DUcbRouter } from "./routing/d-ucb.js";
export { Decision } from "./routing/decision.js";
export { CachedRouter } from "./routing/decision-cache.js";
export { EpsilonGreedyRouter } from "./routing/epsilon-greedy.js";
export { RoutingInputError } from "./routing/errors.js";
export { Exp3Router } from "./routing/exp3.js";
export { featurize, featurizeSparse } from "./routing/featurize.js";
export { FixedShareRouter } from "./routing/fixed-share-router.js";
export { KlUcbRouter } from "./routing/kl-ucb.js";
export { LeastOutstandingRouter } from "./routing/least-outstanding.js";
export { LinearThompsonRouter } from "./routing/linear-thompson.js";
export { LinUcbRouter } from "./routing/linucb.js";
export { PeakEwmaRouter } from "./routing/peak-ewma.js";
export { loadQuerySet } from "./routing/query-set.js";
export { RandomRouter } from "./routing/random-router.js";
export { createRouter, type RouterOptions, STRATEGY_NAMES } from "./routing/registry.js";
export { RoundRobinRouter } from "./routing/round-robin.js";
export { RuleBasedRouter } from "./routing/rule-based.js";
export { parseSavedParams, readParamsFile } from "./routing/saved-params.js";
export { parseStrategySpec, type StrategySpec } from "./routing/strategy-spec.js";
export { SwUcbRouter } from "./routing/sw-ucb.js";
export { LearnedRouter, ThompsonRouter } from "./routing/thompson.js";
// ---- Routing ------------------------------------------------------------------------------
export type {
  BackendId,
  Outcome,
  Query,
  QueryType,
  Router,
  RouterStats,
  RoutingContext,
} from "./routing/types.js";
export { DEFAULT_BACKENDS, DEFAULT_QUERY_TYPES } from "./routing/types.js";
export { Ucb1Router } from "./routing/ucb1.js";
export {
  type AggregateCurves,
  type AggregateTotals,
  aggregateTotals,
} from "./sim/metrics/aggregate.js";
export type { RunCurves, RunTotals } from "./sim/metrics/types.js";
// ---- Scenarios and the simulator ------------------------------------------------------------
export { compileScenario } from "./sim/model/compiled-scenario.js";
export { type SimulationDocument, simulationDocument } from "./sim/run/document.js";
export { createSimulationPool } from "./sim/run/pool.js";
export {
  type ExperimentOptions,
  type ExperimentResult,
  runExperiment,
  type StrategyResult,
} from "./sim/run/run-experiment.js";
export {
  runSimulation,
  type SimulationOptions,
  type SimulationResult,
} from "./sim/run/run-simulation.js";
export { ScenarioError } from "./sim/scenario/errors.js";
export { loadScenario } from "./sim/scenario/load.js";
export { parseScenario, parseScenarioText } from "./sim/scenario/parse.js";
export type { Scenario } from "./sim/scenario/spec.js";
export {
  createStrategy,
  type StrategyFactory,
  type StrategyInput,
} from "./sim/strategy/create-strategy.js";
export { OracleRouter } from "./sim/strategy/oracle.js";
export { formatLoggedTrace } from "./sim/trace-log/format-logged-trace.js";
export { runLoggedSimulation } from "./sim/trace-log/run-logged-simulation.js";
export { LatencySketch, type LatencySummary } from "./sketch/latency-sketch.js";
// ---- Statistics, sketches and randomness ---------------------------------------------------
export { type Estimate, meanInterval } from "./stats/estimate.js";
export { holm } from "./stats/holm.js";
export { median } from "./stats/median.js";
export { orderStatistic, quantileSorted } from "./stats/quantile.js";
export { type Spread, spreadOf } from "./stats/spread.js";
export { wilsonInterval } from "./stats/wilson-interval.js";
export { parseTrace } from "./traces/parse-trace.js";
export { readTrace } from "./traces/read-trace.js";
// ---- Traces and calibration ----------------------------------------------------------------
export { TraceFormatError } from "./traces/trace-format-error.js";
export type { TraceRow } from "./traces/trace-row.js";
export { exportPriors } from "./tuning/export-priors.js";
export { formatSweepReport } from "./tuning/format-sweep-report.js";
export { parseGridSpec } from "./tuning/grid-spec.js";
// ---- Prior tuning -----------------------------------------------------
export { runPriorSweep } from "./tuning/run-sweep.js";
export { summariseSweep } from "./tuning/summarise-sweep.js";
