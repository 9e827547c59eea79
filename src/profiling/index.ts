export type {
  AdviceSettings,
  AdviceVerification,
  CombinedAdvice,
  EffectEstimate,
  RecommendationEffect,
  Rejection,
  Verdict,
  VerifiedRecommendation,
} from "./advice-types.js";
export {
  type BottleneckThresholds,
  DEFAULT_BOTTLENECK_THRESHOLDS,
} from "./bottleneck-thresholds.js";
export {
  type BottleneckOptions,
  type BottleneckRule,
  type Finding,
  findBottlenecks,
  type Severity,
} from "./find-bottlenecks.js";
export {
  formatProfileMarkdown,
  type MarkdownOptions,
} from "./format-profile-markdown.js";
export { formatProfileText } from "./format-profile-text.js";
export {
  type LoadImbalance,
  type LoadImbalanceOptions,
  loadImbalance,
} from "./load-imbalance.js";
export {
  type MetricsServer,
  type MetricsServerOptions,
  serveMetrics,
} from "./metrics-server.js";
export {
  type AnalyzeOptions,
  analyzeProfile,
  type ProfileAnalysis,
  type ProfileSource,
} from "./profile-analysis.js";
export type {
  CacheSummary,
  NamedSeriesSummary,
  ProfileReport,
  RoutingOverhead,
  ThroughputSummary,
} from "./profile-report.js";
export { type ProfiledTrace, type ProfileTraceOptions, profileTrace } from "./profile-trace.js";
export {
  createPrometheusRegistry,
  DEFAULT_LATENCY_BUCKETS,
  type PrometheusOptions,
} from "./prometheus-registry.js";
export {
  type Recommendation,
  type RecommendationAction,
  type RecommendOptions,
  recommend,
} from "./recommend.js";
export {
  type CallOutcome,
  type ProfileReportOptions,
  type QueryRecord,
  RoutingProfiler,
  type RoutingProfilerJSON,
  type RoutingProfilerOptions,
} from "./routing-profiler.js";
export {
  type RequestStatus,
  SeriesStats,
  type SeriesStatsJSON,
  type SeriesSummary,
} from "./series-stats.js";
export {
  TimeWindows,
  type TimeWindowsJSON,
  type TimeWindowsOptions,
  type WindowSnapshot,
} from "./time-windows.js";
export { TraceQueries, type TraceQueriesOptions } from "./trace-queries.js";
export type { WhatIfClaim, WhatIfMetrics, WhatIfOutcome } from "./what-if-types.js";
