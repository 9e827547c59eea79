import { availableParallelism, loadavg } from "node:os";
import { measurePeakMemory } from "../bench/simulation-memory.js";
import {
  measureSimulationScaling,
  type SimulationScalingResult,
} from "../bench/simulation-scaling.js";
import { measureSimulationSpeed, type SimulationSpeedRow } from "../bench/simulation-speed.js";
import type { Spread } from "../bench/stats.js";

/** A straight line fitted to (log10 x, log10 y) by least squares. */
export interface LogLogFit {
  /** d log y / d log x: 1 is linear growth, 0 is flat. */
  slope: number;
  /** log10 y at x = 1. */
  intercept: number;
  /** Coefficient of determination of the fit in log space (1 when every point lies on it). */
  r2: number;
  /** Smallest and largest x used, and how many points. */
  from: number;
  to: number;
  points: number;
}

/**
 * Fits log10 y = intercept + slope · log10 x by ordinary least squares.
 *
 * @param points (x, y) pairs, both positive
 * @returns the slope, intercept and r² in log space
 * @throws {RangeError} with fewer than two distinct x, or a value ≤ 0
 * @example logLogFit([{ x: 10, y: 2 }, { x: 100, y: 20 }]).slope // 1
 */
export function logLogFit(points: readonly { x: number; y: number }[]): LogLogFit {
  for (const p of points) {
    if (!(p.x > 0 && p.y > 0))
      throw new RangeError(`log-log fit needs x, y > 0, got ${p.x}, ${p.y}`);
  }
  const lx = points.map((p) => Math.log10(p.x));
  const ly = points.map((p) => Math.log10(p.y));
  const n = points.length;
  const mx = lx.reduce((a, b) => a + b, 0) / n;
  const my = ly.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (lx[i] - mx) ** 2;
    sxy += (lx[i] - mx) * (ly[i] - my);
    syy += (ly[i] - my) ** 2;
  }
  if (!(n >= 2 && sxx > 0)) throw new RangeError("log-log fit needs at least two distinct x");
  const slope = sxy / sxx;
  return {
    slope,
    intercept: my - slope * mx,
    // With one regressor, r² is the squared correlation; a flat y fits exactly.
    r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy),
    from: Math.min(...points.map((p) => p.x)),
    to: Math.max(...points.map((p) => p.x)),
    points: n,
  };
}

/**
 * Fits total time = fixed + perQuery · n, minimising the squared RELATIVE error
 * Σ ((tᵢ − a − b·nᵢ) / tᵢ)², so sizes spread over decades count alike (plain least squares
 * would fit the largest size only). Weighted least squares with weights 1/tᵢ²: the 2×2
 * normal equations are solved directly.
 *
 * @param points (queries, total ms) pairs, ms > 0
 * @returns the fixed cost per run (ms) and the marginal cost per query (ns)
 * @throws {RangeError} with fewer than two distinct sizes
 * @example fixedPlusLinearFit([{ queries: 100, ms: 6 }, { queries: 1e6, ms: 1505 }])
 */
export function fixedPlusLinearFit(points: readonly { queries: number; ms: number }[]): {
  fixedMs: number;
  perQueryNs: number;
} {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let t0 = 0;
  let t1 = 0;
  for (const { queries: n, ms: t } of points) {
    if (!(t > 0)) throw new RangeError(`fit needs total times > 0, got ${t}`);
    const w = 1 / (t * t);
    s0 += w;
    s1 += w * n;
    s2 += w * n * n;
    t0 += w * t;
    t1 += w * n * t;
  }
  const det = s0 * s2 - s1 * s1;
  // Relative to its terms: a determinant this small means one distinct size.
  if (!(points.length >= 2 && Math.abs(det) > 1e-12 * s0 * s2)) {
    throw new RangeError("fit needs at least two distinct sizes");
  }
  const a = (t0 * s2 - s1 * t1) / det;
  const b = (s0 * t1 - s1 * t0) / det;
  return { fixedMs: a, perQueryNs: b * 1e6 };
}

/** One size of the scaling study. */
export interface ScalingSizeRow {
  /** Simulated queries per run. */
  queries: number;
  /** Warm, in-process timed runs (after one untimed run). */
  runs: number;
  /** Total wall time of one run: queries / median wall throughput, ms. */
  totalMs: number;
  /** Simulated queries per wall-clock second, per run (median, min, max, MAD). */
  queriesPerSecond: Spread;
  /** Simulated queries per CPU second, per run: what one unshared core does. */
  cpuQueriesPerSecond: Spread;
  /** CPU ns per simulated query (median). */
  nsPerQuery: number;
  /** Fresh-process runs behind the memory figures. */
  memoryRuns: number;
  /** Peak resident set size of a fresh process that simulates this many queries, bytes. */
  peakRssBytes: Spread;
  /** V8 heap in use after that run, bytes. */
  heapUsedBytes: Spread;
  /** Wall time of the run in the fresh process, JIT warm-up included, ms. */
  coldWallMs: Spread;
}

/** One worker count of the worker-thread scaling. */
export interface ScalingWorkerRow {
  workers: number;
  /** Wall time of the whole experiment, on a warm pool, ms. */
  wallMs: Spread;
  /** reps × rounds / median wall time, simulated queries per second. */
  queriesPerSecond: number;
}

/** The results of notebook 04, as written to `results/04-scaling.json`. */
export interface ScalingResult {
  format: "routing-lab/scaling";
  version: 1;
  seed: number;
  quick: boolean;
  /** The router simulated (feed-forward, default scenario). */
  strategy: string;
  scenario: string;
  backends: number;
  /** One row per size, smallest first. */
  sizes: ScalingSizeRow[];
  /** Total time against queries. */
  time: {
    /** Fit over sizes ≥ `fitFromQueries`, where the per-run fixed cost is amortised. */
    fit: LogLogFit;
    /** Fit over every size (pulled below 1 by the fixed cost at small sizes). */
    fitAllSizes: LogLogFit;
    fitFromQueries: number;
    /** total ≈ fixedMs + perQueryNs · n, fitted on relative error over every size. */
    fixedMs: number;
    perQueryNs: number;
  };
  /** Peak RSS against queries. */
  memory: {
    /** Log-log fit of the median peak RSS over every size: about 0 means flat. */
    fit: LogLogFit;
    /** Median peak RSS at the largest size / at the smallest. */
    ratio: number;
    maxPeakRssBytes: number;
  };
  /** The same experiment on 1 and 2 worker threads (the bench's measurement, with rows). */
  workers: Pick<
    SimulationScalingResult,
    | "reps"
    | "rounds"
    | "speedup"
    | "target"
    | "meetsTarget"
    | "identical"
    | "processSpeedup"
    | "efficiency"
  > & {
    /** reps × rounds. */
    queries: number;
    runs: number;
    rows: ScalingWorkerRow[];
  };
  /** The machine while measuring: wall-clock figures fall under load. */
  machine: {
    cpus: number;
    loadAverage: number;
    /** CPU ns of one sfc32 draw here (≈ 2 ns on a typical unloaded core), median. */
    rngDrawNs: number;
  };
  /** Wall time of each part of the study, ms. */
  wallMs: { throughput: number; memory: number; workers: number };
}

/** Options of {@link scalingStudy}. */
export interface ScalingStudyOptions {
  /** Quick mode: sizes to 10⁵, fewer runs, a smaller worker experiment. */
  quick: boolean;
  seed: number;
  /** Queries per run; default 10², 10³ … 10⁵ (quick) or 10⁶ (full). */
  sizes?: readonly number[];
  /** Default `thompson`. */
  strategy?: string;
  /** Smallest size in the time fit; default 10⁴. */
  fitFromQueries?: number;
  /** Warm runs per size; default 3 (quick), else 5 (3 from 10⁶ queries). */
  runs?: number;
  /** Fresh processes per size for memory; default 1 (quick) or 3. */
  memoryRuns?: number;
  /**
   * The worker experiment; default 4 × 25,000 queries, 1 run (quick), else the benchmark's
   * (8 × 250,000 queries, 5 runs), so the report and `routing-lab bench` measure one experiment.
   */
  workers?: { reps?: number; rounds?: number; runs?: number };
  /**
   * A worker-scaling measurement this run already made (the bench's own section), used
   * instead of measuring the same experiment again.
   */
  workersResult?: SimulationScalingResult;
  /** Progress lines. */
  log?: (line: string) => void;
}

/**
 * Notebook 04's experiment: how the simulator scales with the number of queries and with
 * worker threads, measured with the benchmark suite's functions:
 * - throughput per size: `measureSimulationSpeed` (warm, in-process runs; wall and CPU
 *   medians; one untimed run first);
 * - memory per size: `measurePeakMemory` (peak RSS of a fresh process per run);
 * - worker threads: `measureSimulationScaling` (1 and 2 workers, identical results checked).
 * Then fits the log-log slope of total time (about 1: linear) and of peak RSS (about 0: flat).
 *
 * @param options quick mode, seed, sizes, strategy
 * @returns a JSON-ready {@link ScalingResult}
 * @throws {RangeError} with fewer than two sizes at or above `fitFromQueries`
 * @example const r = await scalingStudy({ quick: true, seed: 42 }); r.time.fit.slope // ≈ 1
 */
export async function scalingStudy(options: ScalingStudyOptions): Promise<ScalingResult> {
  const quick = options.quick;
  const seed = options.seed;
  const sizes = [...(options.sizes ?? (quick ? [1e2, 1e3, 1e4, 1e5] : [1e2, 1e3, 1e4, 1e5, 1e6]))];
  sizes.sort((a, b) => a - b);
  const strategy = options.strategy ?? "thompson";
  const fitFrom = options.fitFromQueries ?? 1e4;
  const log = options.log ?? (() => {});
  for (const n of sizes) {
    if (!(Number.isInteger(n) && n >= 1))
      throw new RangeError(`sizes must be integers ≥ 1, got ${n}`);
  }
  // Checked before measuring anything: the fit needs two sizes past the fixed cost.
  const fitted = new Set(sizes.filter((n) => n >= fitFrom)).size;
  if (fitted < 2) {
    throw new RangeError(`the time fit needs two sizes ≥ ${fitFrom}, got ${fitted}`);
  }
  // Warm runs per size: the largest sizes take seconds per run, so fewer of them.
  const runsFor = (n: number) => options.runs ?? (quick ? 3 : n >= 1e6 ? 3 : 5);
  const memoryRuns = options.memoryRuns ?? (quick ? 1 : 3);
  const workerPlan = options.workers ?? (quick ? { reps: 4, rounds: 25_000, runs: 1 } : {});

  let t = performance.now();
  let scenario = "";
  let backends = 0;
  const drawNs: number[] = [];
  // Largest size first: its runs let the JIT compile the engine and the router, so the small
  // sizes (whose own untimed run is too short to warm anything) are timed warm as well.
  const speed = new Array<SimulationSpeedRow>(sizes.length);
  for (let i = sizes.length - 1; i >= 0; i--) {
    const n = sizes[i];
    const r = measureSimulationSpeed({
      rounds: n,
      runs: runsFor(n),
      strategies: [strategy],
      seed,
      log,
    });
    scenario = r.scenario;
    backends = r.backends;
    drawNs.push(r.machine.rngDrawNs);
    speed[i] = r.rows[0];
  }
  const throughputMs = performance.now() - t;

  t = performance.now();
  const memory = sizes.map((n) => measurePeakMemory(n, { runs: memoryRuns, strategy, seed, log }));
  const memoryMs = performance.now() - t;

  t = performance.now();
  const w =
    options.workersResult ??
    (await measureSimulationScaling({
      ...workerPlan,
      strategy,
      seed,
      log,
    }));
  const workersMs = performance.now() - t;

  const rows: ScalingSizeRow[] = sizes.map((n, i) => ({
    queries: n,
    runs: runsFor(n),
    totalMs: (n * 1000) / speed[i].wallQueriesPerSecond.median,
    queriesPerSecond: speed[i].wallQueriesPerSecond,
    cpuQueriesPerSecond: speed[i].cpuQueriesPerSecond,
    nsPerQuery: speed[i].nsPerQuery,
    memoryRuns,
    peakRssBytes: memory[i].peakRssBytes,
    heapUsedBytes: memory[i].heapUsedBytes,
    coldWallMs: memory[i].wallMs,
  }));
  const timePoints = rows.map((r) => ({ x: r.queries, y: r.totalMs }));
  const upper = timePoints.filter((p) => p.x >= fitFrom);
  const linear = fixedPlusLinearFit(rows.map((r) => ({ queries: r.queries, ms: r.totalMs })));
  const rss = rows.map((r) => r.peakRssBytes.median);
  const q = w.reps * w.rounds;
  const sortedDraws = [...drawNs].sort((a, b) => a - b);
  return {
    format: "routing-lab/scaling",
    version: 1,
    seed,
    quick,
    strategy,
    scenario,
    backends,
    sizes: rows,
    time: {
      fit: logLogFit(upper),
      fitAllSizes: logLogFit(timePoints),
      fitFromQueries: fitFrom,
      fixedMs: linear.fixedMs,
      perQueryNs: linear.perQueryNs,
    },
    memory: {
      fit: logLogFit(rows.map((r) => ({ x: r.queries, y: r.peakRssBytes.median }))),
      ratio: rss[rss.length - 1] / rss[0],
      maxPeakRssBytes: Math.max(...rss),
    },
    workers: {
      reps: w.reps,
      rounds: w.rounds,
      queries: q,
      runs: w.oneWorkerMs.runs,
      rows: [
        { workers: 1, wallMs: w.oneWorkerMs, queriesPerSecond: (q * 1000) / w.oneWorkerMs.median },
        {
          workers: 2,
          wallMs: w.twoWorkersMs,
          queriesPerSecond: (q * 1000) / w.twoWorkersMs.median,
        },
      ],
      speedup: w.speedup,
      target: w.target,
      meetsTarget: w.meetsTarget,
      identical: w.identical,
      processSpeedup: w.processSpeedup,
      efficiency: w.efficiency,
    },
    machine: {
      cpus: availableParallelism(),
      loadAverage: loadavg()[0],
      rngDrawNs: sortedDraws[Math.floor(sortedDraws.length / 2)],
    },
    wallMs: { throughput: throughputMs, memory: memoryMs, workers: workersMs },
  };
}

/**
 * The per-size table: total time, throughput (wall and CPU), ns per query, peak RSS, heap and
 * the cold run's time in a fresh process.
 *
 * @param r a scaling result
 * @returns markdown ending with a newline
 * @example tslab.display.markdown(scalingSizesMarkdown(result))
 */
export function scalingSizesMarkdown(r: ScalingResult): string {
  const count = (x: number) => Math.round(x).toLocaleString("en-US");
  const mib = (b: number) => (b / 2 ** 20).toFixed(1);
  const ms = (x: number) => (x >= 100 ? count(x) : x.toPrecision(3));
  const head = [
    "queries",
    "total time (ms, warm)",
    "queries/s (wall, median)",
    "min–max",
    "queries/s (CPU)",
    "ns/query (CPU)",
    "peak RSS (MiB)",
    "heap after (MiB)",
    "fresh-process time (ms)",
  ];
  const rows = r.sizes.map((s) => [
    count(s.queries),
    ms(s.totalMs),
    count(s.queriesPerSecond.median),
    `${count(s.queriesPerSecond.min)}–${count(s.queriesPerSecond.max)}`,
    count(s.cpuQueriesPerSecond.median),
    count(s.nsPerQuery),
    mib(s.peakRssBytes.median),
    mib(s.heapUsedBytes.median),
    ms(s.coldWallMs.median),
  ]);
  const align = head.map(() => "---:");
  return `${[head, align, ...rows].map((row) => `| ${row.join(" | ")} |`).join("\n")}\n`;
}

/**
 * The worker-thread table: wall time and throughput on 1 and 2 workers, the speed-up against
 * its target, whether the results were identical, and the machine's ceiling for the same work.
 *
 * @param r a scaling result
 * @returns markdown ending with a newline
 */
export function scalingWorkersMarkdown(r: ScalingResult): string {
  const count = (x: number) => Math.round(x).toLocaleString("en-US");
  const w = r.workers;
  const rows = w.rows.map((row) => [
    String(row.workers),
    `${count(row.wallMs.median)} (${count(row.wallMs.min)}–${count(row.wallMs.max)})`,
    count(row.queriesPerSecond),
    row.workers === 1 ? "1.00×" : `${w.speedup.toFixed(2)}×`,
    row.workers === 1 ? "" : `≥ ${w.target}×: ${w.meetsTarget ? "met" : "not met"}`,
    row.workers === 1 ? "" : w.identical ? "yes" : "**no**",
    row.workers === 1 ? "1.00×" : `${w.processSpeedup.toFixed(2)}×`,
  ]);
  const head = [
    "workers",
    "wall time, ms (median, min–max)",
    "queries/s",
    "speed-up",
    "target",
    "identical results",
    "same work in 2 processes (machine ceiling)",
  ];
  const align = ["---:", "---:", "---:", "---:", "---", "---", "---:"];
  return `${[head, align, ...rows].map((row) => `| ${row.join(" | ")} |`).join("\n")}\n`;
}
