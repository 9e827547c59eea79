export * from "./profiler.js";
