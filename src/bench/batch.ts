import { Bench } from "tinybench";
import { type Spread, spreadOf } from "../stats/spread.js";
import { measureTimer, type TimerFacts } from "./timer.js";

/** Options of {@link measureBatches}. */
export interface BatchOptions {
  /** Operations per timed batch: large enough that a batch spans many timer ticks. */
  batchSize: number;
  /** Independent runs; the figures are medians over runs. Default 5. */
  runs?: number;
  /** Time per run, ms (tinybench `time`). Default 300. */
  timeMs?: number;
  /** Warm-up per run, ms, so the JIT has optimised the code. Default 100. */
  warmupMs?: number;
}

/** Throughput and per-operation cost measured over batches. */
export interface BatchMeasurement {
  name: string;
  batchSize: number;
  /** Operations per second, one figure per run. */
  opsPerSecond: Spread;
  /**
   * Per-operation latency in ns: quantiles of batch time / batch size, over every batch of
   * every run. A batch average, not single operations, which the timer cannot resolve.
   */
  perOpNs: { mean: number; p50: number; p99: number; p999: number };
  /** Harness overhead subtracted from each batch: median time of an empty task, ns. */
  overheadNs: number;
  timer: TimerFacts;
}

/** One operation to time: a label and a function running one batch of it. */
export interface BatchTask {
  name: string;
  /** Runs `batchSize` operations; must consume its results so the JIT keeps them. */
  batch: () => void | Promise<void>;
}

/**
 * Times an operation in batches with tinybench. tinybench times each call of the task it is
 * given; single routing decisions take ~100 ns, below what a per-call timing resolves (a
 * clock read costs tens of ns), so each task call runs a whole batch and the timings are
 * divided by the batch size after subtracting the harness overhead, measured as the median
 * time of an empty task in the same harness.
 *
 * @param name label of the measurement
 * @param batch runs `batchSize` operations; must consume its results so the JIT keeps them
 * @param options batch size, runs, time and warm-up
 * @returns medians and spread over runs, and per-operation latency quantiles
 */
export async function measureBatches(
  name: string,
  batch: () => void | Promise<void>,
  options: BatchOptions,
): Promise<BatchMeasurement> {
  const [m] = await measureBatchesInterleaved([{ name, batch }], options);
  return m;
}

/**
 * Times several operations as {@link measureBatches} does, with their runs interleaved: run 1
 * of every task, then run 2 of every task, and so on. Why: on a shared machine the speed
 * drifts over seconds (a neighbour's load, the host's), and consecutive runs of one task would
 * all land in the same slow or fast phase; interleaved, each task's runs span the whole
 * measurement, so medians compare tasks under the same conditions.
 *
 * @param tasks the operations, each with its label
 * @param options batch size, runs, time and warm-up
 * @param afterRun called after each task's run (e.g. to take a CPU-time reading)
 * @returns one measurement per task, in order
 */
export async function measureBatchesInterleaved(
  tasks: readonly BatchTask[],
  options: BatchOptions,
  afterRun?: (task: number, run: number) => void,
): Promise<BatchMeasurement[]> {
  const { batchSize, runs = 5, timeMs = 300, warmupMs = 100 } = options;
  const timer = measureTimer();
  const overheadNs = await emptyTaskNs();
  const rates: number[][] = tasks.map(() => []);
  const perOp: number[][] = tasks.map(() => []);
  for (let r = 0; r < runs; r++) {
    for (let t = 0; t < tasks.length; t++) {
      const samplesMs = await sampleTask(tasks[t].name, tasks[t].batch, timeMs, warmupMs);
      const batchNs = samplesMs.map((ms) => Math.max(0, ms * 1e6 - overheadNs));
      const meanNs = batchNs.reduce((a, b) => a + b, 0) / batchNs.length;
      rates[t].push((batchSize * 1e9) / meanNs);
      for (const ns of batchNs) perOp[t].push(ns / batchSize);
      afterRun?.(t, r);
    }
  }
  return tasks.map((task, t) => {
    const ops = perOp[t].sort((a, b) => a - b);
    const q = (p: number) => ops[Math.min(ops.length - 1, Math.floor(p * ops.length))];
    return {
      name: task.name,
      batchSize,
      opsPerSecond: spreadOf(rates[t]),
      perOpNs: {
        mean: ops.reduce((a, b) => a + b, 0) / ops.length,
        p50: q(0.5),
        p99: q(0.99),
        p999: q(0.999),
      },
      overheadNs,
      timer,
    };
  });
}

/** Runs one tinybench task and returns its per-call samples, ms. */
async function sampleTask(
  name: string,
  fn: () => void | Promise<void>,
  timeMs: number,
  warmupMs: number,
): Promise<readonly number[]> {
  // Low iteration minimums so the time budgets govern: tinybench's defaults (64 + 16 calls)
  // would run a 20 ms batch for over 1.5 s whatever `timeMs` says.
  const bench = new Bench({
    time: timeMs,
    warmupTime: warmupMs,
    warmup: true,
    iterations: 5,
    warmupIterations: 2,
    retainSamples: true,
  });
  bench.add(name, fn);
  await bench.run();
  const result = bench.tasks[0].result;
  if (result.state !== "completed")
    throw new Error(`benchmark ${name} did not complete: ${result.state}`);
  return result.latency.samples ?? [];
}

let emptyTask: Promise<number> | undefined;

/**
 * The harness's own cost per task call: the median time of an empty task, ns. Measured once
 * per process (20 ms is ~10^5 calls, plenty for a median; 100 ms kept over a million samples
 * and cost a second per measurement).
 */
function emptyTaskNs(): Promise<number> {
  emptyTask ??= sampleTask("empty", () => {}, 20, 10).then((samples) => {
    const sorted = [...samples].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] * 1e6;
  });
  return emptyTask;
}
