import type { Piscina } from "piscina";
import { codeVersions } from "../lab/code-version.js";
import { toPatternSpec } from "../patterns/spec.js";
import { startLocalRedis } from "../queue/local-redis.js";
import { localExecutor, type PlannedRun, type RunExecutor } from "../sim/run/executor.js";
import { createSimulationPool } from "../sim/run/pool.js";
import { type RunTask, runKey } from "../sim/run/run-key.js";
import type { SimulationResult } from "../sim/run/run-simulation.js";
import { loadScenario } from "../sim/scenario/load.js";
import { parseScenario } from "../sim/scenario/parse.js";
import type { Scenario } from "../sim/scenario/spec.js";
import { type Spread, spreadOf } from "../stats/spread.js";
import type { WorkerProcess } from "./queue-worker-process.js";
import { defineSection } from "./section.js";
import {
  CEILING_SHARE_TARGET,
  measureProcessSpeedup,
  type SimulationScalingResult,
} from "./simulation-scaling.js";
import { defaultScenarioPath } from "./simulation-scenario.js";

/** The bounds: an empty job costs ≤ 5 ms; two worker processes reach ≥ 90 % of the ceiling. */
export const QUEUE_TARGETS = { overheadMsPerJob: 5, ceilingShare: CEILING_SHARE_TARGET } as const;

/** Options of {@link measureQueue}. */
export interface QueueBenchOptions {
  /** Empty jobs per timed batch (default 300). */
  jobs?: number;
  /** Timed batches of empty jobs; the figure is their median (default 5). */
  batches?: number;
  /** The sweep timed on one and on two worker processes: repetitions (default 8)… */
  reps?: number;
  /** … of this many queries each (default 250,000). */
  rounds?: number;
  /** Timed sweeps per worker count; figures are medians (default 5). */
  runs?: number;
  strategy?: string;
  seed?: number;
  /**
   * The two-process ceiling measured earlier in the same bench run (the worker-threads
   * section's), used when it was measured on the same work; else it is measured here.
   */
  scaling?: SimulationScalingResult;
  log?: (line: string) => void;
}

/** What {@link measureQueue} returns. */
export interface QueueBenchResult {
  overhead: {
    /** Empty jobs per batch: one query each on a one-backend scenario (see EMPTY_SCENARIO). */
    jobs: number;
    /** Wall ms per empty job through Redis and one worker process (`--concurrency 1`),
     * coordinator included, jobs flowing as in a sweep; one figure per batch. */
    msPerJob: Spread;
    /** The same jobs on one local worker thread, for scale: what a job costs without a queue. */
    localMsPerJob: Spread;
    target: number;
    meetsTarget: boolean;
  };
  throughput: {
    strategy: string;
    reps: number;
    rounds: number;
    /** Wall ms of the sweep through the queue on 1 and on 2 worker processes (each `--concurrency 1`). */
    oneWorkerMs: Spread;
    twoWorkersMs: Spread;
    /** Median over runs of (1 worker) / (2 workers), timed back to back. */
    speedup: number;
    /** This machine's two-process ceiling for the same work (`measureProcessSpeedup`). */
    processSpeedup: number;
    /** Where the ceiling came from: this section, or the worker-threads section of this run. */
    ceilingFrom: "measured here" | "simulationScaling";
    /** speedup / processSpeedup. */
    efficiency: number;
    /** Share of the ceiling to reach (0.9). */
    target: number;
    meetsTarget: boolean;
    /** Whether every timed sweep, on 1 or 2 workers, gave the local run's results (it must). */
    identical: boolean;
  };
}

/**
 * What an empty job runs: one query on one backend that answers at once, so a job's time is
 * the queue's (Redis round trips, the worker's thread hand-off, the coordinator's saving and
 * removal), not the simulator's. A real job also carries its scenario's content (≈ 26 kB for
 * the default one); over a local socket that adds well under 0.1 ms.
 */
const EMPTY_SCENARIO: Scenario = parseScenario(
  {
    name: "empty-job",
    backends: {
      a: {
        latencyMs: { type: "constant", value: 1 },
        relevance: { default: { type: "constant", value: 1 } },
      },
    },
    workload: { mix: { x: 1 }, arrivals: { type: "poisson", qps: 100 } },
    slo: { latencyMs: 100, minRelevance: 0.5 },
  },
  "empty-job",
);

const plannedRuns = (tasks: readonly RunTask[]): PlannedRun[] => {
  const versions = codeVersions();
  return tasks.map((task) => ({ key: runKey(task, versions), task }));
};

function taskOf(scenario: Scenario, strategy: string, rounds: number, seed: number, rep: number) {
  return {
    scenario,
    strategy,
    pattern: toPatternSpec("feed-forward"),
    rounds,
    seed,
    repetition: rep,
    points: 0,
    profile: false,
  } satisfies RunTask;
}

/** Runs everything and returns the results in run order, without their wall times. */
async function execute(executor: RunExecutor, runs: readonly PlannedRun[]): Promise<string> {
  const results = new Map<string, SimulationResult>();
  await executor.execute(runs, { onFinished: (f) => results.set(f.run.key, f.result) });
  return JSON.stringify(
    runs.map((r) => {
      const { wallMs: _wall, ...rest } = results.get(r.key)!;
      return rest;
    }),
  );
}

/**
 * Measures the job queue (BullMQ on a redis-server of its own, started with
 * `scripts/redis.sh` on a free port and stopped at the end) with `routing-lab worker`
 * processes, each `--concurrency 1` so that two of them do not oversubscribe two cores:
 *
 * - **overhead per job**: batches of empty jobs (one query on one instant backend) through one
 *   worker, flowing as a sweep's do (the coordinator keeps up to 500 in Redis); wall ms per
 *   job, median over batches. The same jobs on a warm local thread are timed for scale;
 *   the figure is not reduced by them (it is the whole cost of an empty job);
 * - **throughput**: the same sweep (one strategy × `reps` repetitions) on one worker process
 *   and on two, back to back in alternating order, against this machine's two-process ceiling
 *   for the same work. The solo worker and the pair take jobs from different Redis databases,
 *   so all three stay warm and idle ones take nothing.
 *
 * @param options workloads, seed, an earlier ceiling to reuse
 * @returns both measurements with their targets
 * @throws {Error} when Redis or a worker cannot start
 * @example (await measureQueue({ jobs: 100, batches: 3, reps: 4, rounds: 50_000, runs: 1 })).overhead.msPerJob.median
 */
export async function measureQueue(options: QueueBenchOptions = {}): Promise<QueueBenchResult> {
  const jobs = options.jobs ?? 300;
  const batches = options.batches ?? 5;
  const reps = options.reps ?? 8;
  const rounds = options.rounds ?? 250_000;
  const runs = options.runs ?? 5;
  const strategy = options.strategy ?? "thompson";
  const seed = options.seed ?? 42;
  const log = options.log ?? (() => {});
  const scenario = loadScenario(defaultScenarioPath());

  // Loaded here: BullMQ would slow the start-up of every command and notebook that imports the bench.
  const { queueExecutor } = await import("../queue/queue-executor.js");
  const { spawnQueueWorker, waitForQueueWorkers } = await import("./queue-worker-process.js");
  const redis = await startLocalRedis();
  log(`queue: redis-server at ${redis.url}`);
  const soloUrl = `${redis.url}/1`;
  const pairUrl = `${redis.url}/2`;
  const workers: WorkerProcess[] = [];
  let pool: Piscina | undefined;
  try {
    const solo = spawnQueueWorker(soloUrl, 1);
    const pair = [spawnQueueWorker(pairUrl, 1), spawnQueueWorker(pairUrl, 1)];
    workers.push(solo, ...pair);
    await Promise.all([
      waitForQueueWorkers(soloUrl, 1, [solo]),
      waitForQueueWorkers(pairUrl, 2, pair),
    ]);
    const solos = queueExecutor({ url: soloUrl });
    const pairs = queueExecutor({ url: pairUrl });

    // Overhead: a distinct seed per batch, so no batch meets another's job ids.
    const emptyBatch = (b: number) =>
      plannedRuns(
        Array.from({ length: jobs }, (_, r) => taskOf(EMPTY_SCENARIO, strategy, 1, seed + b, r)),
      );
    // A warm local thread, as the worker process keeps its own.
    pool = createSimulationPool(1);
    const local = localExecutor({ pool });
    await execute(solos, emptyBatch(-1)); // warm-up: the worker's thread compiles the engine
    await execute(local, emptyBatch(-1));
    const perJob: number[] = [];
    const localPerJob: number[] = [];
    for (let b = 0; b < batches; b++) {
      const batch = emptyBatch(b);
      let t0 = performance.now();
      await execute(solos, batch);
      perJob.push((performance.now() - t0) / jobs);
      t0 = performance.now();
      await execute(local, batch);
      localPerJob.push((performance.now() - t0) / jobs);
      log(
        `queue: ${jobs} empty jobs, batch ${b + 1}/${batches}: ${perJob[b].toFixed(2)} ms/job (local thread ${localPerJob[b].toFixed(2)})`,
      );
    }

    // Throughput on real work.
    const sweep = plannedRuns(
      Array.from({ length: reps }, (_, r) => taskOf(scenario, strategy, rounds, seed, r)),
    );
    const warm = plannedRuns(
      Array.from({ length: 4 }, (_, r) => taskOf(scenario, strategy, 20_000, seed, r)),
    );
    await Promise.all([execute(solos, warm), execute(pairs, warm)]);
    const reference = await execute(localExecutor({ threads: 2 }), sweep);
    let identical = true;
    const times: Record<1 | 2, number[]> = { 1: [], 2: [] };
    const ratios: number[] = [];
    for (let r = 0; r < runs; r++) {
      // Back to back, alternating which goes first: the machine's speed drifts over seconds.
      const ms = { 1: 0, 2: 0 };
      for (const n of r % 2 === 0 ? ([1, 2] as const) : ([2, 1] as const)) {
        const t0 = performance.now();
        const got = await execute(n === 1 ? solos : pairs, sweep);
        ms[n] = performance.now() - t0;
        times[n].push(ms[n]);
        identical &&= got === reference;
        log(
          `queue: sweep on ${n} worker process(es), run ${r + 1}/${runs}: ${ms[n].toFixed(0)} ms`,
        );
      }
      ratios.push(ms[1] / ms[2]);
    }
    await Promise.all(workers.map((w) => w.stop()));
    await pool.destroy();
    pool = undefined;

    const earlier = options.scaling;
    const reuse =
      earlier !== undefined &&
      earlier.reps === reps &&
      earlier.rounds === rounds &&
      earlier.strategy === strategy;
    const processSpeedup = reuse
      ? earlier.processSpeedup
      : await measureProcessSpeedup({
          scenario: defaultScenarioPath(),
          strategy,
          seed,
          rounds,
          reps,
          runs,
        });
    log(`queue: the same work in 2 processes at once ${processSpeedup.toFixed(2)}×`);
    const msPerJob = spreadOf(perJob);
    const speedup = spreadOf(ratios).median;
    const efficiency = speedup / processSpeedup;
    return {
      overhead: {
        jobs,
        msPerJob,
        localMsPerJob: spreadOf(localPerJob),
        target: QUEUE_TARGETS.overheadMsPerJob,
        meetsTarget: msPerJob.median <= QUEUE_TARGETS.overheadMsPerJob,
      },
      throughput: {
        strategy,
        reps,
        rounds,
        oneWorkerMs: spreadOf(times[1]),
        twoWorkersMs: spreadOf(times[2]),
        speedup,
        processSpeedup,
        ceilingFrom: reuse ? "simulationScaling" : "measured here",
        efficiency,
        target: QUEUE_TARGETS.ceilingShare,
        meetsTarget: efficiency >= QUEUE_TARGETS.ceilingShare,
        identical,
      },
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await pool?.destroy();
    await redis.stop();
  }
}

/**
 * Formats a result as text table rows (header first).
 * @param r a measurement
 * @returns rows of cells
 */
export function queueBenchTable(r: QueueBenchResult): string[][] {
  const ms = (s: Spread, digits = 0) =>
    `${s.median.toFixed(digits)} ms (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
  const o = r.overhead;
  const t = r.throughput;
  const pct = (x: number) => `${(100 * x).toFixed(0)} %`;
  return [
    ["figure", "measured (median, min–max)", "target", "for scale"],
    [
      `overhead per empty job (${o.jobs} per batch, 1 worker)`,
      ms(o.msPerJob, 2),
      `≤ ${o.target} ms ${o.meetsTarget ? "met" : "NOT met"}`,
      `local thread ${ms(o.localMsPerJob, 2)}`,
    ],
    [
      `sweep on 1 worker process (${t.reps} × ${t.rounds.toLocaleString("en-US")} queries)`,
      ms(t.oneWorkerMs),
      "",
      "",
    ],
    [
      "sweep on 2 worker processes",
      ms(t.twoWorkersMs),
      "",
      t.identical ? "identical results" : "RESULTS DIFFER",
    ],
    [
      "2 workers ÷ 1, share of this machine's two-process ceiling",
      `${t.speedup.toFixed(2)}× of ${t.processSpeedup.toFixed(2)}× = ${pct(t.efficiency)}`,
      `≥ ${pct(t.target)} ${t.meetsTarget ? "met" : "NOT met"}`,
      `ceiling ${t.ceilingFrom}`,
    ],
  ];
}

/** The `queue` section of `routing-lab bench`. */
export const queueBenchSection = defineSection<QueueBenchResult>({
  id: "queue",
  title: "Job queue (BullMQ on Redis): overhead per job, 2 worker processes against 1",
  run: (context) =>
    measureQueue({
      // The same sweep as the worker-threads section, so its ceiling applies when it ran first.
      ...(context.quick ? { jobs: 100, batches: 3, reps: 4, rounds: 50_000, runs: 1 } : {}),
      seed: context.seed,
      scaling: context.results?.simulationScaling as SimulationScalingResult | undefined,
      log: context.log,
    }),
  table: queueBenchTable,
});
