import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsageError } from "../../../src/errors.js";
import { stringifyExactJson } from "../../../src/io/exact-json.js";
import {
  queueSweepCheckMarkdown,
  runQueuedPriorSweep,
  runQueueSweepCheck,
} from "../../../src/studies/tuning-priors/queued-sweep.js";
import { runPriorSweep } from "../../../src/tuning/run-sweep.js";
import { startRedis, type TestRedis } from "../../support/redis.js";
import { bernoulliScenario } from "../../tuning/sweep-scenario.js";

// Notebook 06's queue section: the same sweep locally and through the queue (with a worker in
// this process) gives the same report, byte for byte; without a queue it compares with a run
// on this thread.
const sweep = {
  scenario: bernoulliScenario,
  grid: "strength=1,10;mean=0.3,0.7",
  reps: 2,
  rounds: 600,
  seed: 5,
};

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
}, 300_000);
afterAll(async () => {
  await redis?.stop();
});

describe("runQueuedPriorSweep", () => {
  it("gives the local sweep's report, and counts the jobs and the worker", async () => {
    const local = await runPriorSweep({ ...sweep, workers: 0 });
    const queued = await runQueuedPriorSweep({ ...sweep, url: redis.url, workerThreads: 1 });
    expect(stringifyExactJson(queued.report)).toBe(stringifyExactJson(local.report));
    // 4 cells and the Beta(1, 1) baseline, 2 repetitions each.
    expect(queued.queue).toMatchObject({ jobs: 10, workers: 1, stalled: 0, retried: 0 });
    expect(queued.executor).toBe(`queue ${redis.url}`);
  }, 120_000);

  it("refuses a URL that is not redis:// before starting anything", async () => {
    await expect(
      runQueuedPriorSweep({ ...sweep, url: "http://localhost:6379", workerThreads: 1 }),
    ).rejects.toThrow(UsageError);
  });
});

describe("runQueueSweepCheck", () => {
  it("through the queue: identical reports, with the queue's figures", async () => {
    const check = await runQueueSweepCheck({ ...sweep, queueUrl: redis.url, workerThreads: 1 });
    expect(check.queued).toBe(true);
    expect(check.identical).toBe(true);
    expect(check.other.executor).toBe(`queue ${redis.url}`);
    expect(check.queue?.jobs).toBe(10);
    const md = queueSweepCheckMarkdown(check);
    expect(md).toContain("**identical**");
    expect(md).toContain("Queue: 10 jobs on 1 worker(s)");
  }, 120_000);

  it("without a queue: the second sweep runs on this thread, and says so", async () => {
    const check = await runQueueSweepCheck(sweep);
    expect(check.queued).toBe(false);
    expect(check.identical).toBe(true);
    expect(check.other.executor).toBe("this thread");
    expect(check.queue).toBeUndefined();
    expect(queueSweepCheckMarkdown(check)).toContain("`LAB_REDIS_URL` is not set");
  }, 120_000);

  it("reports a difference when the reports differ", async () => {
    const check = await runQueueSweepCheck(sweep);
    const altered = { ...check, identical: false };
    expect(queueSweepCheckMarkdown(altered)).toContain("**differ**");
  }, 120_000);
});
