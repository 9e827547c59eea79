/** Notebook 06: a prior sweep through the job queue, checked against the same sweep run locally. */
import { availableParallelism } from "node:os";
import { stringifyExactJson } from "../../io/exact-json.js";
import type { QueueSummary } from "../../queue/queue-stats.js";
import { localExecutor, type RunExecutor } from "../../sim/run/executor.js";
import type { Scenario } from "../../sim/scenario/spec.js";
import {
  type PriorSweepOptions,
  type PriorSweepReport,
  runPriorSweep,
  type SweepRunInfo,
} from "../../tuning/run-sweep.js";

/** Options of {@link runQueuedPriorSweep}. */
export interface QueuedPriorSweepOptions extends Omit<PriorSweepOptions, "executor" | "workers"> {
  /** The queue: `redis://HOST:PORT` (see `parseQueueUrl`). */
  url: string;
  /**
   * Threads of a queue worker started in this process for the sweep and stopped after it
   * (default: available parallelism); 0 starts none and waits for `routing-lab worker`
   * processes elsewhere.
   */
  workerThreads?: number;
  /** Messages from the coordinator (e.g. that no worker is connected) and the worker. */
  log?: (line: string) => void;
}

/**
 * Runs a prior sweep on queue workers (BullMQ on Redis): one job per run, results merged in
 * repetition order, so the report is byte-identical to a local sweep of the same options.
 * With `workerThreads` > 0 (the default) it starts a worker in this process, so a notebook
 * needs only a Redis; any `routing-lab worker` connected to the same queue helps.
 *
 * @param options the sweep, the queue URL and the in-process worker's threads
 * @returns the report, how the sweep ran, the queue's figures (jobs, stalls, retries, workers)
 *   and the executor's label
 * @throws {UsageError} for a bad URL or scenario; the queue's error when a job fails for good
 * @example const { report } = await runQueuedPriorSweep({ url: "redis://127.0.0.1:6379", scenario, grid: "strength=1,10", reps: 3, rounds: 2000 });
 */
export async function runQueuedPriorSweep(options: QueuedPriorSweepOptions): Promise<{
  report: PriorSweepReport;
  info: SweepRunInfo;
  queue: QueueSummary;
  /** `queue redis://HOST:PORT` (the URL without its password). */
  executor: string;
}> {
  const { url, workerThreads, log, ...sweep } = options;
  // Loaded here: BullMQ would slow every import of the library.
  const [{ queueExecutor }, { startQueueWorker }, { queueSummary }] = await Promise.all([
    import("../../queue/queue-executor.js"),
    import("../../queue/queue-worker.js"),
    import("../../queue/queue-stats.js"),
  ]);
  const threads = workerThreads ?? availableParallelism();
  const worker = threads > 0 ? startQueueWorker({ url, concurrency: threads, log }) : undefined;
  try {
    const executor = queueExecutor({ url, log });
    const { report, info } = await runPriorSweep({ ...sweep, executor });
    return { report, info, queue: queueSummary(info.provenance), executor: executor.label };
  } finally {
    await worker?.stop();
  }
}

/** Options of {@link runQueueSweepCheck}. */
export interface QueueSweepCheckOptions {
  /** A loaded scenario or its file. */
  scenario: Scenario | string;
  grid: string;
  reps: number;
  rounds: number;
  seed: number;
  /** The queue (notebooks: `labSettings().redisUrl`, from `LAB_REDIS_URL`); none: see below. */
  queueUrl?: string;
  /** Threads of the in-process queue worker (see {@link runQueuedPriorSweep}). */
  workerThreads?: number;
  log?: (line: string) => void;
}

/** One of the two sweeps of {@link runQueueSweepCheck}. */
export interface SweepRunSide {
  /** Where it ran, e.g. `2 worker thread(s)` or `queue redis://127.0.0.1:6379`. */
  executor: string;
  report: PriorSweepReport;
  /** Wall time, ms (not reproducible). */
  wallMs: number;
}

/** What {@link runQueueSweepCheck} returns. */
export interface QueueSweepCheck {
  /** Whether the second sweep went through a queue (else it ran on this thread). */
  queued: boolean;
  /** On local worker threads. */
  local: SweepRunSide;
  /** Through the queue, or on this thread when no queue was given. */
  other: SweepRunSide;
  /** The queue's figures, when queued. */
  queue?: QueueSummary;
  /** Whether the two reports are byte for byte the same (exact JSON): they must be. */
  identical: boolean;
}

/**
 * Runs the same small prior sweep twice and compares the reports: on local worker threads,
 * then through the job queue when `queueUrl` is given (with an in-process worker, see
 * {@link runQueuedPriorSweep}), else on this thread. A run's result depends only on its
 * inputs, never on where it ran, so the reports must be identical.
 *
 * @param options the sweep and the queue
 * @returns both reports, their wall times and whether they are identical
 * @throws what the sweeps throw
 * @example const check = await runQueueSweepCheck({ scenario, grid: "strength=1,10", reps: 3, rounds: 2000, seed: 42, queueUrl: process.env.LAB_REDIS_URL });
 */
export async function runQueueSweepCheck(
  options: QueueSweepCheckOptions,
): Promise<QueueSweepCheck> {
  const sweep = {
    scenario: options.scenario,
    grid: options.grid,
    reps: options.reps,
    rounds: options.rounds,
    seed: options.seed,
  };
  const timed = async (executor: RunExecutor): Promise<SweepRunSide & { info: SweepRunInfo }> => {
    const t0 = performance.now();
    const { report, info } = await runPriorSweep({ ...sweep, executor });
    return { executor: executor.label, report, wallMs: performance.now() - t0, info };
  };
  const { info: _localInfo, ...local } = await timed(localExecutor());
  let other: SweepRunSide;
  let queue: QueueSummary | undefined;
  if (options.queueUrl !== undefined) {
    const t0 = performance.now();
    const queued = await runQueuedPriorSweep({
      ...sweep,
      url: options.queueUrl,
      workerThreads: options.workerThreads,
      log: options.log,
    });
    other = { executor: queued.executor, report: queued.report, wallMs: performance.now() - t0 };
    queue = queued.queue;
  } else {
    const { info: _info, ...side } = await timed(localExecutor({ threads: 0 }));
    other = side;
  }
  return {
    queued: options.queueUrl !== undefined,
    local,
    other,
    ...(queue ? { queue } : {}),
    identical: stringifyExactJson(local.report) === stringifyExactJson(other.report),
  };
}

/**
 * The check as markdown: where each sweep ran, its wall time and best cell, and whether the
 * reports are identical; with a queue, its jobs, workers, stalls and retries.
 *
 * @param check from {@link runQueueSweepCheck}
 * @returns markdown ending with a newline
 * @example tslab.display.markdown(queueSweepCheckMarkdown(check))
 */
export function queueSweepCheckMarkdown(check: QueueSweepCheck): string {
  const row = (s: SweepRunSide) => {
    const best = s.report.summary.best;
    return `| ${s.executor} | ${Math.round(s.wallMs).toLocaleString("en-US")} | \`${best.id}\` | ${best.regret.mean.toPrecision(4)} |`;
  };
  const lines = [
    "| where the runs went | wall time (ms) | best cell | its mean regret |",
    "| --- | ---: | --- | ---: |",
    row(check.local),
    row(check.other),
    "",
    check.identical
      ? "The two reports are **identical**, byte for byte."
      : "The two reports **differ**: a result depended on where it ran, which is a bug.",
  ];
  if (!check.queued) {
    lines.push(
      "",
      "No queue: `LAB_REDIS_URL` is not set, so the second sweep ran on this thread instead. Set it (e.g. to the URL `scripts/redis.sh start 6390` prints) to send the runs through BullMQ.",
    );
  }
  if (check.queue) {
    const q = check.queue;
    lines.push(
      "",
      `Queue: ${q.jobs} jobs on ${q.workers} worker(s), ${q.stalled} recovered by the stalled-job check, ${q.retried} failed attempt(s) retried.`,
    );
  }
  return `${lines.join("\n")}\n`;
}
