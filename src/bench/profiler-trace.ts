import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { profileTrace } from "../profiling/profile-trace.js";
import { standardNormal } from "../random/normal.js";
import { createStream } from "../random/stream.js";
import { SUMMARY_QUANTILES } from "../sketch/latency-sketch.js";
import { orderStatistic } from "../stats/quantile.js";
import { OLD_SYSTEM } from "./old-system.js";
import { type WindowQuantileError, windowQuantileErrors } from "./window-quantile-error.js";

/** Options for {@link writeSyntheticTrace}. */
export interface SyntheticTraceOptions {
  rows: number;
  seed?: number;
}

/** A synthetic trace written to disk, with its exact latencies for checking. */
export interface SyntheticTrace {
  path: string;
  rows: number;
  bytes: number;
  /** Every row's latency as the parser will read it, in file order. */
  latencies: Float64Array;
  /** Index of each row's backend in {@link SYNTHETIC_BACKENDS}. */
  backendOf: Uint8Array;
}

/** Backends of the synthetic trace and their lognormal (median ms, σ); hybrid is heavy-tailed. */
export const SYNTHETIC_BACKENDS = [
  { name: "neo4j", median: 45, sigma: 0.6 },
  { name: "qdrant", median: 18, sigma: 0.5 },
  { name: "mem0", median: 30, sigma: 0.7 },
  { name: "inmemory", median: 0.8, sigma: 0.4 },
  { name: "hybrid", median: 60, sigma: 1.1 },
] as const;

const TYPES = ["relationship", "similarity", "personal", "temporal", "unknown"];
const PATTERNS = ["feed-forward", "feed-forward", "feed-forward", "recursive", "parallel"];

/**
 * Writes a synthetic trace with every column of the format: Poisson arrivals at 1,000 queries/s,
 * five backends with lognormal latency (hybrid σ = 1.1 for a heavy tail), 1 % timeouts, 0.5 %
 * errors, a 40 % cache. Latencies are written with 3 decimals, and returned as parsed.
 *
 * @param path the CSV file to write
 * @param options rows and seed
 * @returns the path, size and exact latencies
 */
export async function writeSyntheticTrace(
  path: string,
  options: SyntheticTraceOptions,
): Promise<SyntheticTrace> {
  const rng = createStream(options.seed ?? 1, "bench", "synthetic-trace");
  const n = options.rows;
  const latencies = new Float64Array(n);
  const backendOf = new Uint8Array(n);
  const out = createWriteStream(path);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once("drain", () => r()));
  await write("timestamp,backend,latency_ms,query_type,pattern,relevance,cache_hit,status\n");
  let t = 1_714_521_600_000;
  let chunk: string[] = [];
  for (let i = 0; i < n; i++) {
    t += -Math.log(1 - rng.next()); // exponential gaps, mean 1 ms
    const b = rng.int(SYNTHETIC_BACKENDS.length);
    const spec = SYNTHETIC_BACKENDS[b];
    const text = (spec.median * Math.exp(spec.sigma * standardNormal(rng))).toFixed(3);
    latencies[i] = Number(text);
    backendOf[i] = b;
    const u = rng.next();
    const status = u < 0.01 ? "timeout" : u < 0.015 ? "error" : "ok";
    chunk.push(
      `${t.toFixed(3)},${spec.name},${text},${TYPES[rng.int(5)]},${PATTERNS[rng.int(5)]},${rng.next().toFixed(3)},${rng.next() < 0.4},${status}`,
    );
    if (chunk.length === 10_000) {
      await write(`${chunk.join("\n")}\n`);
      chunk = [];
    }
  }
  if (chunk.length > 0) await write(`${chunk.join("\n")}\n`);
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
  return { path, rows: n, bytes: statSync(path).size, latencies, backendOf };
}

/** Options for {@link benchProfilerTrace}. */
export interface ProfilerTraceBenchOptions {
  /** Rows in the generated trace. Default 1,000,000. */
  rows?: number;
  /** Profiling runs over the same file; the median is reported. Default 3. */
  runs?: number;
  seed?: number;
}

/** What {@link benchProfilerTrace} measured. */
export interface ProfilerTraceBenchResult {
  name: "profiler-trace";
  rows: number;
  megabytes: number;
  /** Median wall time of `profileTrace` (stream-parse + record every row), ms. */
  profileMs: number;
  profileRunsMs: number[];
  rowsPerSecond: number;
  /** Largest |sketch − exact| / exact over p50…p99.9, overall and per backend. */
  maxRelativeError: number;
  /** The sketch's guarantee (α). */
  bound: number;
  withinBound: boolean;
  /**
   * The old profiler's estimator on the same latencies: p99 and p99.9 of the last 1,000
   * samples, against the exact quantiles of the whole trace.
   */
  oldWindow: { size: number; errors: WindowQuantileError[] };
}

/**
 * Generates a trace in a temp folder, profiles it `runs` times, and checks every reported
 * quantile (overall and per backend) against the exact order statistic
 * x[⌊q·(n−1)⌋] of the latencies written. The temp folder is removed afterwards.
 *
 * @param options rows, runs, seed
 * @returns timing (median of runs) and the worst relative error against the 1 % bound
 */
export async function benchProfilerTrace(
  options: ProfilerTraceBenchOptions = {},
): Promise<ProfilerTraceBenchResult> {
  const rows = options.rows ?? 1_000_000;
  const runs = options.runs ?? 3;
  const dir = mkdtempSync(join(tmpdir(), "routing-lab-trace-"));
  try {
    const trace = await writeSyntheticTrace(join(dir, "trace.csv"), { rows, seed: options.seed });
    const times: number[] = [];
    let last: Awaited<ReturnType<typeof profileTrace>> | undefined;
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      last = await profileTrace(trace.path);
      last.profiler.report({ wallTime: false });
      times.push(performance.now() - t0);
    }
    const report = (last as NonNullable<typeof last>).profiler.report({ wallTime: false });
    const keys = ["p50", "p90", "p95", "p99", "p999"] as const;
    let worst = 0;
    const check = (values: Float64Array, summary: Record<(typeof keys)[number], number>) => {
      const sorted = values.slice().sort();
      SUMMARY_QUANTILES.forEach((q, i) => {
        const exact = orderStatistic(sorted, q);
        const err = Math.abs(summary[keys[i]] - exact) / exact;
        if (err > worst) worst = err;
      });
    };
    check(trace.latencies, report.queries);
    for (const b of report.backends) {
      const idx = SYNTHETIC_BACKENDS_INDEX.get(b.name) as number;
      const mine = trace.latencies.filter((_, i) => trace.backendOf[i] === idx);
      check(mine, b);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const profileMs = sorted[sorted.length >> 1];
    return {
      name: "profiler-trace",
      rows,
      megabytes: trace.bytes / 1e6,
      profileMs,
      profileRunsMs: times,
      rowsPerSecond: (rows / profileMs) * 1000,
      maxRelativeError: worst,
      bound: report.relativeAccuracy,
      // 1e-9 slack: the bound holds up to the log/pow round trip's floating-point error.
      withinBound: worst <= report.relativeAccuracy * (1 + 1e-9),
      oldWindow: {
        size: OLD_SYSTEM.profilerWindow,
        errors: windowQuantileErrors(trace.latencies, OLD_SYSTEM.profilerWindow, [0.99, 0.999]),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const SYNTHETIC_BACKENDS_INDEX = new Map<string, number>(
  SYNTHETIC_BACKENDS.map((b, i) => [b.name, i]),
);
