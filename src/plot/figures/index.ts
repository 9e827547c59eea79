export * from "./profiler.js";
export * from "./tuning.js";
export * from "./calibration.js";
export * from "./decisions.js";
export * from "./scaling.js";
export * from "./strategies.js";
export * from "./patterns.js";
