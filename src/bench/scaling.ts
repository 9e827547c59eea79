import { availableParallelism, loadavg } from "node:os";
import { measurePeakMemory } from "../bench/simulation-memory.js";
import {
  measureSimulationScaling,
  type SimulationScalingResult,
} from "../bench/simulation-scaling.js";
import { measureSimulationSpeed, type SimulationSpeedRow } from "../bench/simulation-speed.js";
import { fixedPlusLinearFit } from "../stats/fixed-plus-linear-fit.js";
import { type LogLogFit, logLogFit } from "../stats/log-log-fit.js";
import type { Spread } from "../stats/spread.js";

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

/** Options of {@link runScalingStudy}. */
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
 * @example const r = await runScalingStudy({ quick: true, seed: 42 }); r.time.fit.slope // ≈ 1
 */
export async function runScalingStudy(options: ScalingStudyOptions): Promise<ScalingResult> {
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
    const r = await measureSimulationSpeed({
      rounds: n,
      runs: runsFor(n),
      strategies: [strategy],
      cachedScenario: null,
      isolate: false,
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
