export * from "./profiler-bottlenecks.js";
