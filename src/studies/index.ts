export * from "./calibration.js";
export * from "./execution-patterns.js";
export * from "./profiler-bottlenecks.js";
export * from "./quickstart.js";
export * from "./routing-decisions.js";
export * from "./scaling.js";
export * from "./strategy-comparison.js";
export * from "./tuning-priors/index.js";
