import { Job, Queue, QueueEvents } from "bullmq";
import { UsageError } from "../errors.js";
import { parseExactJson } from "../io/exact-json.js";
import { codeVersions } from "../lab/code-version.js";
import type { ExecuteHooks, PlannedRun, RunExecutor } from "../sim/run/executor.js";
import { type CrossingUsageError, fromCrossingError } from "../sim/run/worker-error.js";
import { parseQueueUrl } from "./queue-url.js";
import {
  jobIdOf,
  QUEUE_NAME,
  type RunJobData,
  type RunJobResult,
  USAGE_ERROR_PREFIX,
} from "./run-job.js";

/** What the coordinator sees, for its progress bar. */
export interface QueueStatus {
  done: number;
  total: number;
  /** Jobs of this run a worker holds now. */
  active: number;
  /** Jobs of this run in Redis, not yet taken. */
  waiting: number;
  /** Workers connected to the queue (any coordinator's). */
  workers: number;
}

/** Options of {@link queueExecutor}. */
export interface QueueExecutorOptions {
  /** `redis://HOST:PORT` (see `parseQueueUrl`). */
  url: string;
  /** Attempts per job for errors that are not the user's (default 3), with exponential backoff. */
  attempts?: number;
  /** First backoff delay, ms (default 1000; doubles per attempt). */
  backoffMs?: number;
  /**
   * Most of this run's jobs in Redis at once (default 500): each carries its scenario, query
   * texts included (≈ 30 kB for the default scenario), and Redis runs with `noeviction`.
   */
  window?: number;
  /**
   * Say so (through `log`) when no worker has been connected for this long, ms (default 10,000;
   * workers are counted every second, or every `noWorkerMs` when that is shorter).
   */
  noWorkerMs?: number;
  /** Messages for the user (no worker connected, …). */
  log?: (line: string) => void;
  /** Called when the counts change (at most every 200 ms, and at the end). */
  onStatus?: (status: QueueStatus) => void;
}

/** The `queue` object of a queued run's `--out` JSON. */
export interface QueueStats {
  /** Jobs whose results this run used (resumed ones included). */
  jobs: number;
  /** Recoveries by the stalled-job check (a worker died or hung mid-job). */
  stalled: number;
  /** Failed attempts that were retried. */
  retried: number;
  /** Distinct workers that computed results. */
  workers: number;
}

/**
 * Runs on queue workers (`routing-lab worker --queue URL`) through BullMQ on Redis. One job per
 * run, with the run's key as job id, so a resubmitted run finds its job: a completed one is
 * collected, a failed one retried (its worker was lost, or attempts ran out), a waiting or
 * active one awaited, a missing one added. Each result is handed to `onFinished` (which saves
 * it in the caller's checkpoint folder) and only then is the job removed: results never pile
 * up in Redis, and a coordinator killed at any point loses nothing a worker finished.
 *
 * A job that fails with a user error (UnrecoverableError: a scenario a run cannot use, a
 * worker of another version) is not retried; `execute` rejects with the same error class and
 * message as a local run. Other failures are retried with backoff, then reject.
 *
 * @param options URL, attempts, window, callbacks
 * @returns the executor
 * @throws {UsageError} for a bad URL
 * @example await queueExecutor({ url: "redis://127.0.0.1:6379" }).execute(runs, { onFinished })
 */
export function queueExecutor(options: QueueExecutorOptions): RunExecutor {
  const { options: connection, display } = parseQueueUrl(options.url);
  const attempts = options.attempts ?? 3;
  const backoffMs = options.backoffMs ?? 1000;
  const windowSize = options.window ?? 500;
  const noWorkerMs = options.noWorkerMs ?? 10_000;
  const log = options.log ?? (() => {});
  const versions = codeVersions();
  return {
    label: `queue ${display}`,
    async execute(runs, hooks) {
      if (runs.length === 0) return;
      const queue = new Queue<RunJobData, string>(QUEUE_NAME, { connection });
      const events = new QueueEvents(QUEUE_NAME, { connection });
      try {
        await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
        await coordinate({ queue, events, runs, hooks, attempts, backoffMs, windowSize });
      } finally {
        await Promise.allSettled([events.close(), queue.close()]);
      }
    },
  };

  async function coordinate(ctx: {
    queue: Queue<RunJobData, string>;
    events: QueueEvents;
    runs: readonly PlannedRun[];
    hooks: ExecuteHooks;
    attempts: number;
    backoffMs: number;
    windowSize: number;
  }): Promise<void> {
    const { queue, events, runs, hooks } = ctx;
    const byId = new Map<string, PlannedRun>(runs.map((r) => [jobIdOf(r.key), r]));
    const finished = new Set<string>();
    const collecting = new Set<string>();
    const submitted = new Set<string>();
    const active = new Set<string>();
    const stalls = new Map<string, number>();
    let next = 0;
    let workers = 0;
    let lastWorkerSeen = Date.now();
    let warned = false;
    let failure: unknown;
    let settle: () => void = () => {};
    const allDone = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const fail = (err: unknown) => {
      failure ??= err;
      settle();
    };

    let lastStatus = 0;
    const status = (force = false) => {
      const now = Date.now();
      if (!force && now - lastStatus < 200) return;
      lastStatus = now;
      options.onStatus?.({
        done: finished.size,
        total: runs.length,
        active: active.size,
        waiting: submitted.size - finished.size - active.size,
        workers,
      });
    };

    // Adds, retries or adopts the job of one run, by its state in Redis.
    const submit = async (run: PlannedRun): Promise<void> => {
      const id = jobIdOf(run.key);
      submitted.add(id);
      const state = await queue.getJobState(id);
      if (state === "completed") return collect(id);
      if (state === "failed") {
        // Failed before (a lost worker, attempts used up, or a user error): try it again.
        const job = await Job.fromId<RunJobData, string>(queue, id);
        await job?.retry("failed", { resetAttemptsMade: true, resetAttemptsStarted: true });
        return;
      }
      if (state !== "unknown") return; // waiting, delayed, prioritized or active: await it
      const data: RunJobData = {
        format: "routing-lab/run-job",
        version: 1,
        code: versions.code,
        node: versions.node,
        task: run.task,
      };
      await queue.add("run", data, {
        jobId: id,
        attempts: ctx.attempts,
        backoff: { type: "exponential", delay: ctx.backoffMs },
        removeOnComplete: false,
        removeOnFail: false,
      });
    };
    const refill = async () => {
      while (
        failure === undefined &&
        next < runs.length &&
        submitted.size - finished.size < ctx.windowSize
      ) {
        await submit(runs[next++]);
      }
    };

    const collect = async (id: string): Promise<void> => {
      const run = byId.get(id);
      if (!run || finished.has(id) || collecting.has(id)) return;
      collecting.add(id);
      try {
        const job = await Job.fromId<RunJobData, string>(queue, id);
        if (!job || typeof job.returnvalue !== "string") return;
        const reply = parseExactJson(job.returnvalue) as RunJobResult;
        hooks.onFinished({
          run,
          result: reply.result,
          provenance: {
            worker: reply.worker,
            code: reply.code,
            node: reply.node,
            attempts: Math.max(1, job.attemptsMade),
            stalled: Math.max(job.stalledCounter ?? 0, stalls.get(id) ?? 0),
          },
        });
        // Saved by the caller: only now may the result leave Redis.
        await job.remove();
        finished.add(id);
        active.delete(id);
        status();
        if (finished.size === runs.length) settle();
        else await refill();
      } finally {
        collecting.delete(id);
      }
    };

    const failed = async (id: string, reason: string | undefined): Promise<void> => {
      const run = byId.get(id);
      if (!run || finished.has(id)) return;
      const text = reason ?? "(no reason given)";
      if (text.startsWith(USAGE_ERROR_PREFIX)) {
        const cause = JSON.parse(text.slice(USAGE_ERROR_PREFIX.length)) as CrossingUsageError;
        // Remove it, so that the next submission adds it afresh rather than adopting a failure.
        await queue.remove(id).catch(() => 0);
        const err = fromCrossingError(new Error(cause.message, { cause }), run.task.scenario);
        fail(err instanceof UsageError ? err : new UsageError(cause.message));
        return;
      }
      fail(
        new Error(
          `queue job ${id} failed after ${ctx.attempts} attempt(s): ${text}; rerun the same command to retry it`,
        ),
      );
    };

    const guard = (p: Promise<void>) => {
      p.catch(fail);
    };
    events.on("completed", ({ jobId }) => guard(collect(jobId)));
    events.on("failed", ({ jobId, failedReason }) => guard(failed(jobId, failedReason)));
    events.on("active", ({ jobId }) => {
      if (byId.has(jobId) && !finished.has(jobId)) active.add(jobId);
      status();
    });
    events.on("stalled", ({ jobId }) => {
      if (!byId.has(jobId)) return;
      stalls.set(jobId, (stalls.get(jobId) ?? 0) + 1);
      active.delete(jobId);
      status();
    });
    events.on("waiting", ({ jobId }) => {
      if (active.delete(jobId)) status();
    });

    // Events can be missed (the coordinator connected after a job finished, or a reconnect):
    // every 2 s, look for this run's jobs among the finished ones; and watch for workers.
    const poll = async () => {
      workers = await queue.getWorkersCount();
      const now = Date.now();
      if (workers > 0) {
        lastWorkerSeen = now;
        warned = false;
      } else if (!warned && now - lastWorkerSeen >= noWorkerMs) {
        warned = true;
        const waited =
          noWorkerMs >= 1000 ? `${Math.round(noWorkerMs / 1000)} s` : `${noWorkerMs} ms`;
        log(
          `no worker connected to ${display} for ${waited}; start one on any machine with: routing-lab worker --queue ${display}`,
        );
      }
      status(true);
    };
    const reconcile = async () => {
      for (const job of await queue.getJobs(["completed"], 0, -1)) {
        if (job.id && submitted.has(job.id)) await collect(job.id);
      }
      for (const job of await queue.getJobs(["failed"], 0, -1)) {
        if (job.id && submitted.has(job.id) && !finished.has(job.id)) {
          await failed(job.id, job.failedReason);
        }
      }
    };
    // Every second, or sooner when the no-worker notice is due sooner (tests set it short).
    const workerTimer = setInterval(() => guard(poll()), Math.max(50, Math.min(1000, noWorkerMs)));
    const reconcileTimer = setInterval(() => guard(reconcile()), 2000);
    try {
      await poll();
      await refill();
      if (finished.size < runs.length) await allDone;
    } finally {
      clearInterval(workerTimer);
      clearInterval(reconcileTimer);
    }
    if (failure !== undefined) throw failure;
    status(true);
  }
}
