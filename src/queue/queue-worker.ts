import { availableParallelism, hostname } from "node:os";
import { type Job, UnrecoverableError, Worker } from "bullmq";
import { stringifyExactJson } from "../io/exact-json.js";
import { codeVersions } from "../lab/code-version.js";
import { createSimulationPool } from "../sim/run/pool.js";
import type { SimulationResult } from "../sim/run/run-simulation.js";
import type { CrossingUsageError } from "../sim/run/worker-error.js";
import { parseQueueUrl } from "./queue-url.js";
import { QUEUE_NAME, type RunJobData, type RunJobResult, USAGE_ERROR_PREFIX } from "./run-job.js";

/** Lock and stalled-check timings of a worker (see {@link startQueueWorker}). */
export interface QueueTimings {
  /** How long a job's lock lasts without renewal, ms (renewed every half of it). Default 30,000. */
  lockMs: number;
  /** How often this worker looks for stalled jobs, ms. Default lockMs / 2. */
  stalledIntervalMs: number;
  /** Stalls a job survives before it fails. Default 2. */
  maxStalledCount: number;
}

/** Options of {@link startQueueWorker}. */
export interface QueueWorkerOptions {
  /** `redis://HOST:PORT` (see `parseQueueUrl`). */
  url: string;
  /** Jobs at once, each on its own worker thread (default: available parallelism). */
  concurrency?: number;
  /** Lock and stalled-check timings; defaults as in {@link QueueTimings}. */
  timings?: Partial<QueueTimings>;
  /** One line per event: `done <jobId>`, refusals, errors. */
  log?: (line: string) => void;
}

/** A running worker. */
export interface QueueWorker {
  /** `host/pid`: recorded with every result it computes. */
  name: string;
  /**
   * Stops taking jobs and waits for the current ones to finish (`force`: hands them back at
   * once; the stalled-job check gives them to another worker). Then frees the threads.
   */
  stop(force?: boolean): Promise<void>;
}

/**
 * Starts a queue worker: it takes run jobs from Redis and runs each on its own thread of a
 * piscina pool, so the event loop stays free to renew job locks however long a run takes.
 *
 * - A job made by other code (routing-lab or Node version) is refused with a clear message:
 *   results are byte-identical only when every machine runs the same code.
 * - A user error in the job (a scenario a run cannot use) fails it without retries
 *   (UnrecoverableError); the coordinator re-creates it and exits 2 with the local message.
 * - Anything else fails the attempt; BullMQ retries it with backoff.
 * - A worker killed mid-job stops renewing its lock; after `lockMs` another worker's stalled
 *   check (every `stalledIntervalMs`) puts the job back, up to `maxStalledCount` times.
 *
 * @param options URL, concurrency, timings, log
 * @returns the worker, already taking jobs
 * @throws {UsageError} for a bad URL
 * @example const w = startQueueWorker({ url: "redis://127.0.0.1:6379", concurrency: 2 }); … await w.stop();
 */
export function startQueueWorker(options: QueueWorkerOptions): QueueWorker {
  const { options: connection } = parseQueueUrl(options.url);
  const concurrency = options.concurrency ?? availableParallelism();
  const lockMs = options.timings?.lockMs ?? 30_000;
  const timings: QueueTimings = {
    lockMs,
    stalledIntervalMs: options.timings?.stalledIntervalMs ?? Math.round(lockMs / 2),
    maxStalledCount: options.timings?.maxStalledCount ?? 2,
  };
  const log = options.log ?? (() => {});
  const name = `${hostname()}/${process.pid}`;
  const mine = codeVersions();
  const pool = createSimulationPool(concurrency);

  const processor = async (job: Job<RunJobData>): Promise<string> => {
    const data = job.data;
    if (data?.format !== "routing-lab/run-job" || data.version !== 1) {
      throw new UnrecoverableError(`job ${job.id} is not a routing-lab run job (version 1)`);
    }
    if (data.code !== mine.code || data.node !== mine.node) {
      const message = `worker ${name} refuses job ${job.id}: it was made by routing-lab ${data.code} on Node ${data.node}, this worker runs routing-lab ${mine.code} on Node ${mine.node}; results are identical only on the same code, so run the same version everywhere`;
      log(message);
      const cause: CrossingUsageError = { tag: "routing-lab/usage-error", kind: "usage", message };
      throw new UnrecoverableError(`${USAGE_ERROR_PREFIX}${JSON.stringify(cause)}`);
    }
    let result: SimulationResult;
    try {
      result = (await pool.run(data.task)) as SimulationResult;
    } catch (err) {
      const cause = err instanceof Error ? (err.cause as Partial<CrossingUsageError>) : undefined;
      if (cause?.tag === "routing-lab/usage-error") {
        // Deterministic: another attempt, here or elsewhere, fails the same way.
        throw new UnrecoverableError(`${USAGE_ERROR_PREFIX}${JSON.stringify(cause)}`);
      }
      throw err;
    }
    const reply: RunJobResult = { worker: name, code: mine.code, node: mine.node, result };
    return stringifyExactJson(reply);
  };

  const worker = new Worker<RunJobData, string>(QUEUE_NAME, processor, {
    connection,
    concurrency,
    name,
    lockDuration: timings.lockMs,
    stalledInterval: timings.stalledIntervalMs,
    maxStalledCount: timings.maxStalledCount,
  });
  worker.on("completed", (job) => log(`done ${job.id}`));
  worker.on("failed", (job, err) => {
    if (err.message.startsWith(USAGE_ERROR_PREFIX)) {
      log(`failed ${job?.id} (user error, not retried)`);
    } else log(`failed ${job?.id} (attempt ${job?.attemptsMade}): ${err.message}`);
  });
  worker.on("error", (err) => log(`error: ${err.message}`));

  let stopping: Promise<void> | undefined;
  return {
    name,
    stop(force = false) {
      if (force) {
        stopping = worker.close(true).then(() => pool.destroy());
        return stopping;
      }
      stopping ??= worker.close().then(() => pool.destroy());
      return stopping;
    },
  };
}
