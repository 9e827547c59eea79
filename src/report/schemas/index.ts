export type { Assignable } from "./agree.js";
export { benchSchema, type ReportBenchReport, reportBenchSectionsSchema } from "./bench.js";
export { cachingSchema } from "./caching.js";
export { calibrationSchema } from "./calibration.js";
export { executionPatternsSchema } from "./execution-patterns.js";
export { jsonNumber } from "./json-number.js";
export { offPolicyEvaluationSchema } from "./off-policy-evaluation.js";
export { profilerBottlenecksSchema } from "./profiler-bottlenecks.js";
export { routingDecisionsSchema } from "./routing-decisions.js";
export { scalingSchema } from "./scaling.js";
export {
  bandSeriesSchema,
  estimateSchema,
  logLogFitSchema,
  runEnvironmentSchema,
  spreadSchema,
  timerFactsSchema,
} from "./shared.js";
export { strategyComparisonSchema } from "./strategy-comparison.js";
export { tuningPriorsSchema } from "./tuning-priors.js";
