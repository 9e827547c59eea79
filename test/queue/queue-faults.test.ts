import { type Job, Queue, QueueEvents, Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeVersions } from "../../src/lab/code-version.js";
import { toPatternSpec } from "../../src/patterns/spec.js";
import { queueExecutor } from "../../src/queue/queue-executor.js";
import { queueSummary } from "../../src/queue/queue-stats.js";
import { parseQueueUrl } from "../../src/queue/queue-url.js";
import { startQueueWorker } from "../../src/queue/queue-worker.js";
import { QUEUE_NAME, type RunJobData } from "../../src/queue/run-job.js";
import { type FinishedRun, localExecutor, type PlannedRun } from "../../src/sim/run/executor.js";
import { runKey } from "../../src/sim/run/run-key.js";
import { startRedis, type TestRedis } from "../support/redis.js";
import { bernoulliScenario } from "../tuning/sweep-scenario.js";

// The queue's fault paths that need no process to die: attempts that fail and are retried with
// backoff, attempts that run out, and the notice when no worker is connected. In process, on a
// redis-server of this file's own (so no other file's workers are counted).

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
}, 300_000);
afterAll(async () => {
  await redis?.stop();
});

/** `n` short runs of the Bernoulli scenario (seed fixed: each file's runs are distinct). */
function plannedRuns(n: number, seed: number): PlannedRun[] {
  const versions = codeVersions();
  return Array.from({ length: n }, (_, repetition) => {
    const task = {
      scenario: bernoulliScenario,
      strategy: "thompson",
      pattern: toPatternSpec("feed-forward"),
      rounds: 500,
      seed,
      repetition,
      points: 0,
      profile: false,
    };
    return { key: runKey(task, versions), task };
  });
}

/** A run's result without its wall time (the one field that differs between identical runs). */
function simulated(f: FinishedRun): unknown {
  const { wallMs: _wall, ...rest } = f.result;
  return rest;
}

/** Waits until `n` workers are connected to the queue. */
async function workersConnected(url: string, n: number): Promise<void> {
  const queue = new Queue(QUEUE_NAME, { connection: parseQueueUrl(url).options });
  try {
    const deadline = Date.now() + 10_000;
    while ((await queue.getWorkersCount()) < n) {
      if (Date.now() > deadline) throw new Error(`fewer than ${n} worker(s) connected`);
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await queue.close();
  }
}

async function collect(
  execute: (hooks: { onFinished(f: FinishedRun): void }) => Promise<void>,
): Promise<FinishedRun[]> {
  const finished: FinishedRun[] = [];
  await execute({ onFinished: (f) => finished.push(f) });
  return finished.sort((a, b) => a.run.task.repetition - b.run.task.repetition);
}

/**
 * A worker that fails every attempt it takes with an ordinary (retryable) error, as a worker
 * whose machine lost its network mid-job would, and records when it failed each job.
 */
function flakyWorker(url: string) {
  const failedAt = new Map<string, number>();
  const taken = { attempts: 0 };
  const worker = new Worker<RunJobData, string>(
    QUEUE_NAME,
    async (job: Job<RunJobData>) => {
      failedAt.set(job.id ?? "", Date.now());
      taken.attempts++;
      throw new Error("connection reset by peer");
    },
    { connection: parseQueueUrl(url).options, concurrency: 4, name: "flaky" },
  );
  return { worker, failedAt, taken };
}

describe("queue retries", () => {
  it("retries a failed attempt after its backoff, and counts it in the queue figures", async () => {
    const runs = plannedRuns(3, 101);
    const local = await collect((hooks) => localExecutor({ threads: 0 }).execute(runs, hooks));
    const backoffMs = 400;
    const events = new QueueEvents(QUEUE_NAME, { connection: parseQueueUrl(redis.url).options });
    await events.waitUntilReady();
    // When each job was put back, and when it may run again (BullMQ's `delayed` event).
    const delayedUntil = new Map<string, number>();
    events.on("delayed", ({ jobId, delay }) => delayedUntil.set(jobId, Number(delay)));
    const flaky = flakyWorker(redis.url);
    let real: ReturnType<typeof startQueueWorker> | undefined;
    try {
      const executing = collect((hooks) =>
        queueExecutor({ url: redis.url, attempts: 3, backoffMs }).execute(runs, hooks),
      );
      // Once the flaky worker has failed every job's first attempt it leaves, and a sound
      // worker takes the retries.
      const deadline = Date.now() + 30_000;
      while (flaky.failedAt.size < runs.length && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 10));
      }
      await flaky.worker.close();
      real = startQueueWorker({ url: redis.url, concurrency: 1 });
      const queued = await executing;

      // Same results as a local run: a failed attempt leaves no trace in them.
      expect(queued.map(simulated)).toEqual(local.map(simulated));
      // Each job: one failed attempt, then the one that ran (attemptsMade counts both).
      expect(queued.map((f) => f.provenance.attempts)).toEqual([2, 2, 2]);
      expect(queueSummary(queued.map((f) => f.provenance))).toMatchObject({
        jobs: 3,
        retried: 3,
        stalled: 0,
        workers: 1,
      });
      // Exponential backoff: the first retry waits `backoffMs` after the failure. Both times are
      // Date.now() on this machine's clock (Redis scripts use the caller's timestamp); the
      // failure is recorded just before the worker reports it, so the gap is ≥ backoffMs.
      for (const run of runs) {
        const id = `run-${run.key}`;
        expect(delayedUntil.get(id)! - flaky.failedAt.get(id)!).toBeGreaterThanOrEqual(backoffMs);
      }
    } finally {
      await flaky.worker.close();
      await real?.stop();
      await events.close();
    }
  }, 60_000);

  it("gives up after its attempts, naming the job and the last error", async () => {
    const runs = plannedRuns(1, 202);
    const flaky = flakyWorker(redis.url);
    try {
      const executing = queueExecutor({ url: redis.url, attempts: 2, backoffMs: 50 }).execute(
        runs,
        { onFinished: () => {} },
      );
      await expect(executing).rejects.toThrow(
        new RegExp(
          `queue job run-${runs[0].key} failed after 2 attempt\\(s\\): connection reset by peer; rerun the same command to retry it`,
        ),
      );
      expect(flaky.taken.attempts).toBe(2);
    } finally {
      await flaky.worker.close();
    }
  }, 60_000);

  it("a failed job is retried afresh when the same runs are submitted again", async () => {
    // The previous test left its job failed in Redis; a resubmission must not adopt the failure.
    const runs = plannedRuns(1, 202);
    const real = startQueueWorker({ url: redis.url, concurrency: 1 });
    try {
      const queued = await collect((hooks) =>
        queueExecutor({ url: redis.url, attempts: 2, backoffMs: 50 }).execute(runs, hooks),
      );
      const local = await collect((hooks) => localExecutor({ threads: 0 }).execute(runs, hooks));
      expect(queued.map(simulated)).toEqual(local.map(simulated));
      expect(queued[0].provenance.attempts).toBe(1); // attempts were reset on resubmission
    } finally {
      await real.stop();
    }
  }, 60_000);
});

describe("the no-worker notice", () => {
  it("says so once when no worker connects in time, and the run completes when one does", async () => {
    const runs = plannedRuns(2, 303);
    const lines: string[] = [];
    const executing = collect((hooks) =>
      queueExecutor({ url: redis.url, noWorkerMs: 200, log: (l) => lines.push(l) }).execute(
        runs,
        hooks,
      ),
    );
    const deadline = Date.now() + 10_000;
    while (lines.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
    }
    // Some more polls without a worker: the notice is not repeated.
    await new Promise((r) => setTimeout(r, 600));
    const { display } = parseQueueUrl(redis.url);
    expect(lines).toEqual([
      `no worker connected to ${display} for 200 ms; start one on any machine with: routing-lab worker --queue ${display}`,
    ]);
    const worker = startQueueWorker({ url: redis.url, concurrency: 1 });
    try {
      expect(await executing).toHaveLength(2);
      expect(lines).toHaveLength(1);
    } finally {
      await worker.stop();
    }
  }, 60_000);

  it("stays silent when a worker is connected", async () => {
    const worker = startQueueWorker({ url: redis.url, concurrency: 1 });
    const lines: string[] = [];
    try {
      await workersConnected(redis.url, 1);
      // Runs that outlast several notice periods while a worker is connected throughout.
      const slow = plannedRuns(2, 404).map((r) => {
        const task = { ...r.task, rounds: 200_000 };
        return { key: runKey(task, codeVersions()), task };
      });
      await queueExecutor({ url: redis.url, noWorkerMs: 100, log: (l) => lines.push(l) }).execute(
        slow,
        { onFinished: () => {} },
      );
      expect(lines).toEqual([]);
    } finally {
      await worker.stop();
    }
  }, 60_000);
});
