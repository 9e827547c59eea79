export * from "./profiler.js";
export * from "./tuning.js";
export * from "./calibration.js";
