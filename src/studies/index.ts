export * from "./profiler-bottlenecks.js";
export * from "./tuning-priors.js";
export * from "./calibration.js";
export * from "./routing-decisions.js";
export * from "./scaling.js";
export * from "./strategy-comparison.js";
export * from "./execution-patterns.js";
