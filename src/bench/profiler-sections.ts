import { benchProfilerRecord, type ProfilerRecordBenchResult } from "./profiler-record.js";
import { benchProfilerTrace, type ProfilerTraceBenchResult } from "./profiler-trace.js";
import { defineSection } from "./section.js";

/** `routing-lab bench` section: the profiler's recording cost per value (budget 50 ns). */
export const profilerRecordSection = defineSection<ProfilerRecordBenchResult>({
  id: "profilerRecord",
  title: "Profiler: recording cost per value (DDSketch α = 1 %)",
  run: async (context) =>
    benchProfilerRecord({
      values: context.quick ? 200_000 : 1_000_000,
      runs: context.quick ? 5 : 7,
      seed: context.seed,
    }),
  table: (r) => [
    ["operation", "ns per value (median)", "budget"],
    [
      "LatencySketch.add",
      r.sketchAddNs.toFixed(1),
      `${r.budgetNs} ns${r.withinBudget ? " (met)" : " (missed)"}`,
    ],
    ["series handle add", r.seriesAddNs.toFixed(1), ""],
    ["record(trace row) → 5 series", r.recordRowNs.toFixed(1), ""],
    ["time(op, fn) overhead", r.timeOverheadNs.toFixed(1), ""],
  ],
});

/** `routing-lab bench` section: profiling a generated trace, timing and worst quantile error. */
export const profilerTraceSection = defineSection<ProfilerTraceBenchResult>({
  id: "profilerTrace",
  title: "Profiler: a generated trace, parsed and profiled (error against exact quantiles)",
  run: async (context) =>
    benchProfilerTrace({
      rows: context.quick ? 100_000 : 1_000_000,
      runs: context.quick ? 2 : 3,
      seed: context.seed,
    }),
  table: (r) => [
    [
      "rows",
      "MB",
      "time (median)",
      "rows/s",
      "worst error p50…p99.9",
      "bound",
      `old ${r.oldWindow.size}-sample window, p99 / p99.9 error (median, max)`,
    ],
    [
      r.rows.toLocaleString("en-US"),
      r.megabytes.toFixed(1),
      `${(r.profileMs / 1000).toFixed(2)} s`,
      Math.round(r.rowsPerSecond).toLocaleString("en-US"),
      `${(r.maxRelativeError * 100).toFixed(2)} %`,
      `${(r.bound * 100).toFixed(0)} %${r.withinBound ? " (met)" : " (missed)"}`,
      r.oldWindow.errors
        .map((e) => `${(e.median * 100).toFixed(0)} %, ${(e.max * 100).toFixed(0)} %`)
        .join(" / "),
    ],
  ],
});
