export * from "./calibration/index.js";
export * from "./execution-patterns/index.js";
export * from "./profiler-bottlenecks/index.js";
export * from "./quickstart/index.js";
export * from "./routing-decisions/index.js";
export * from "./scaling/index.js";
export * from "./strategy-comparison/index.js";
export * from "./tuning-priors/index.js";
