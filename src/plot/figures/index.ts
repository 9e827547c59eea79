export * from "./calibration.js";
export * from "./decisions.js";
export * from "./patterns.js";
export * from "./profiler.js";
export * from "./quickstart.js";
export * from "./scaling.js";
export * from "./strategies.js";
export * from "./tuning.js";
