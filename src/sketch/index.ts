export {
  DEFAULT_RELATIVE_ACCURACY,
  LatencySketch,
  type LatencySketchJSON,
  type LatencySketchOptions,
  type LatencySummary,
  SUMMARY_QUANTILES,
} from "./latency-sketch.js";
