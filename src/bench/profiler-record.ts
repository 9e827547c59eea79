import { RoutingProfiler } from "../profiling/routing-profiler.js";
import { standardNormal } from "../random/normal.js";
import { createStream } from "../random/stream.js";
import { LatencySketch } from "../sketch/latency-sketch.js";
import type { TraceRow } from "../traces/trace-row.js";

/** Options for {@link benchProfilerRecord}. */
export interface ProfilerRecordBenchOptions {
  /** Values recorded per run. Default 1,000,000. */
  values?: number;
  /** Runs; the median is reported (the machine is shared and noisy). Default 7. */
  runs?: number;
  seed?: number;
}

/** What {@link benchProfilerRecord} measured; all costs are medians in ns per value. */
export interface ProfilerRecordBenchResult {
  name: "profiler-record";
  values: number;
  runs: number;
  /** `LatencySketch.add`: the hot-loop recording cost the issue budgets. */
  sketchAddNs: number;
  /** `SeriesStats.add` through a kept handle (`profiler.backend("x")`). */
  seriesAddNs: number;
  /** `RoutingProfiler.record(row)` with backend, pattern, type, timestamp, status, cache. */
  recordRowNs: number;
  /** Extra cost of `profiler.time(op, fn)` over calling `fn` directly (two clock reads). */
  timeOverheadNs: number;
  /** The budget for `sketchAddNs`. */
  budgetNs: 50;
  withinBudget: boolean;
  /** Every run's sketch cost, for the spread. */
  sketchAddRunsNs: number[];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function nsPer(n: number, fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / n;
}

/**
 * Measures the profiler's recording cost on lognormal latencies (μ = 3, σ = 1 in log-ms, so
 * values span ~0.5 ms to ~1 s and touch a realistic number of sketch bins). Values are drawn
 * before timing; each run records into a fresh sketch so bin growth is included.
 *
 * @param options values per run, runs, seed
 * @returns medians in ns per value, and whether the sketch add is within 50 ns
 * @example const r = benchProfilerRecord(); console.log(r.sketchAddNs)
 */
export function benchProfilerRecord(
  options: ProfilerRecordBenchOptions = {},
): ProfilerRecordBenchResult {
  const n = options.values ?? 1_000_000;
  const runs = options.runs ?? 7;
  const rng = createStream(options.seed ?? 1, "bench", "profiler-record");
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = Math.exp(3 + standardNormal(rng));
  const backends = ["neo4j", "qdrant", "mem0", "inmemory", "hybrid"];
  const patterns = ["feed-forward", "parallel", "recursive"];
  const types = ["relationship", "similarity", "personal", "temporal", "unknown"];
  const rowCount = Math.min(n, 200_000);
  const rows: TraceRow[] = [];
  for (let i = 0; i < rowCount; i++) {
    rows.push({
      backend: backends[i % 5],
      latencyMs: values[i],
      pattern: patterns[i % 3],
      queryType: types[(i * 7) % 5],
      timestamp: i * 2,
      status: "ok",
      cacheHit: (i & 3) === 0,
    });
  }

  const sketchRuns: number[] = [];
  const seriesRuns: number[] = [];
  const rowRuns: number[] = [];
  const timeRuns: number[] = [];
  // Warm-up so every measured run sees optimised code.
  const warm = new LatencySketch();
  for (let i = 0; i < Math.min(n, 100_000); i++) warm.add(values[i]);
  let sink = 0;
  for (let r = 0; r < runs; r++) {
    const sketch = new LatencySketch();
    sketchRuns.push(
      nsPer(n, () => {
        for (let i = 0; i < n; i++) sketch.add(values[i]);
      }),
    );
    const handle = new RoutingProfiler().backend("qdrant");
    seriesRuns.push(
      nsPer(n, () => {
        for (let i = 0; i < n; i++) handle.add(values[i]);
      }),
    );
    const p = new RoutingProfiler({ windowMs: 1000 });
    rowRuns.push(
      nsPer(rowCount, () => {
        for (let i = 0; i < rowCount; i++) p.record(rows[i]);
      }),
    );
    const timed = new RoutingProfiler();
    const op = timed.operation("route");
    const m = 100_000;
    const fn = () => {
      sink++;
      return sink;
    };
    const bare = nsPer(m, () => {
      for (let i = 0; i < m; i++) fn();
    });
    const withTime = nsPer(m, () => {
      for (let i = 0; i < m; i++) timed.time(op, fn);
    });
    timeRuns.push(Math.max(0, withTime - bare));
    sink += sketch.count + handle.count + p.queryCount;
  }
  const sketchAddNs = median(sketchRuns);
  return {
    name: "profiler-record",
    values: n,
    runs,
    sketchAddNs,
    seriesAddNs: median(seriesRuns),
    recordRowNs: median(rowRuns),
    timeOverheadNs: median(timeRuns) + (sink < 0 ? 1 : 0),
    budgetNs: 50,
    withinBudget: sketchAddNs <= 50,
    sketchAddRunsNs: sketchRuns,
  };
}
