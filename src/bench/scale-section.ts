import { runScalingStudy, type ScalingResult } from "./scaling.js";
import { defineSection } from "./section.js";
import type { SimulationScalingResult } from "./simulation-scaling.js";

/**
 * `routing-lab bench` section: simulated queries from 10² to 10⁷ (10⁶ in quick mode) —
 * throughput, peak memory in fresh processes, the fitted log-log slope of total time (≈ 1 is
 * linear) — and throughput with 1 and 2 worker threads. The same study notebook 04 plots.
 */
export const scaleSection = defineSection<ScalingResult>({
  id: "scale",
  title: "Scale: queries 10² … 10⁷ (quick: 10⁶), memory, log-log slope, worker threads",
  run: (context) =>
    runScalingStudy({
      quick: context.quick,
      seed: context.seed,
      sizes: context.quick ? [1e2, 1e3, 1e4, 1e5, 1e6] : [1e2, 1e3, 1e4, 1e5, 1e6, 1e7],
      // The largest sizes take seconds per run; two timed runs each keep the suite in budget.
      runs: context.quick ? 1 : 2,
      memoryRuns: 1,
      // The worker-threads section measured the same experiment earlier in this run.
      workersResult: context.results?.simulationScaling as SimulationScalingResult | undefined,
      log: context.log,
    }),
  table: (r) => [
    ["queries", "queries/s (median)", "peak RSS (MiB)"],
    ...r.sizes.map((s) => [
      s.queries.toLocaleString("en-US"),
      Math.round(s.queriesPerSecond.median).toLocaleString("en-US"),
      (s.peakRssBytes.median / 2 ** 20).toFixed(1),
    ]),
    [
      "log-log slope of time",
      r.time.fit.slope.toFixed(3),
      `memory ratio ${r.memory.ratio.toFixed(2)}×`,
    ],
    [
      "2 workers ÷ 1",
      `${r.workers.speedup.toFixed(2)}×`,
      r.workers.identical ? "identical results" : "RESULTS DIFFER",
    ],
  ],
});
