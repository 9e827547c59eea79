import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Queue, QueueEvents } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseQueueUrl } from "../../src/queue/queue-url.js";
import { startQueueWorker } from "../../src/queue/queue-worker.js";
import { QUEUE_NAME } from "../../src/queue/run-job.js";
import { startRedis, type TestRedis } from "../support/redis.js";
import { bernoulliScenario } from "../tuning/sweep-scenario.js";

// Acceptance of the queue on a real redis-server: CLI workers and coordinators as separate
// processes. Lock 2 s and stalled check every 1 s (`--lock-ms 2000`, maxStalledCount 2): a job
// of a killed worker is back in the queue within ≈ 3 s.
const root = resolve(import.meta.dirname, "../..");
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

interface Proc {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exited: Promise<number | null>;
}

function cli(args: string[]): Proc {
  const child = spawn(process.execPath, ["--import", tsx, join(root, "src/cli.ts"), ...args], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const proc: Proc = { child, stdout: "", stderr: "", exited: Promise.resolve(null) };
  child.stdout?.on("data", (d) => {
    proc.stdout += String(d);
  });
  child.stderr?.on("data", (d) => {
    proc.stderr += String(d);
  });
  proc.exited = new Promise((done) => child.on("close", (code) => done(code)));
  return proc;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(condition: () => boolean, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await sleep(10);
  }
}
const doneLines = (p: Proc) => p.stdout.split("\n").filter((l) => l.startsWith("done run-"));

/** The document without what may differ between identical runs: timings and `queue`. */
function results(path: string): unknown {
  const doc = JSON.parse(readFileSync(path, "utf8"));
  delete doc.wallMs;
  delete doc.queue;
  for (const s of doc.strategies) delete s.wallMs;
  return doc;
}

let redis: TestRedis;
let work: string;
let scenarioPath: string;
const workers: Proc[] = [];
const startWorker = () => {
  const w = cli(["worker", "--queue", redis.url, "--concurrency", "1", "--lock-ms", "2000"]);
  workers.push(w);
  return w;
};
const simulateArgs = (out: string) => [
  "simulate",
  "--scenario",
  scenarioPath,
  "--strategies",
  "thompson,ucb1",
  "--reps",
  "4",
  // Long enough (≈ 0.2 s a job) that a worker killed after its first job still holds its
  // second, and that a coordinator killed after two checkpoints leaves jobs to do: at 20,000
  // rounds a faster engine finished every job before either kill landed.
  "--rounds",
  "300000",
  "--seed",
  "9",
  "--out",
  out,
];

beforeAll(async () => {
  redis = await startRedis();
  work = mkdtempSync(join(tmpdir(), "queue-"));
  scenarioPath = join(work, "scenario.json");
  writeFileSync(scenarioPath, JSON.stringify(bernoulliScenario));
}, 300_000);

afterAll(async () => {
  for (const w of workers) w.child.kill("SIGKILL");
  await Promise.all(workers.map((w) => w.exited));
  await redis?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe("simulate --queue with worker processes", () => {
  let local: string;
  beforeAll(async () => {
    local = join(work, "local.json");
    const p = cli([...simulateArgs(local), "--workers", "2"]);
    expect(await p.exited).toBe(0);
  }, 120_000);

  it("ends with the local results when a worker is killed -9 mid-run", async () => {
    const a = startWorker();
    const b = startWorker();
    const out = join(work, "queued.json");
    const coordinator = cli([...simulateArgs(out), "--queue", redis.url]);
    // When a worker reports a job done it already holds the next one: kill it then.
    await until(() => doneLines(a).length >= 1);
    a.child.kill("SIGKILL");
    expect(await coordinator.exited).toBe(0);
    expect(results(out)).toEqual(results(local));
    const queue = JSON.parse(readFileSync(out, "utf8")).queue;
    expect(queue.jobs).toBe(8);
    expect(queue.stalled).toBeGreaterThanOrEqual(1); // the killed worker's job came back
    expect(queue.workers).toBe(2);
    expect(queue.versions).toHaveLength(1);
    expect(existsSync(`${out}.runs`)).toBe(false); // checkpoints go once the document is written
    // Every job left Redis once its result was saved.
    const q = new Queue(QUEUE_NAME, { connection: parseQueueUrl(redis.url).options });
    const counts = await q.getJobCounts("completed", "failed", "waiting", "active", "delayed");
    await q.close();
    expect(Object.values(counts).reduce((x, y) => x + y, 0)).toBe(0);
    b.child.kill("SIGTERM");
    expect(await b.exited).toBe(0);
  }, 120_000);

  it("does not recompute finished jobs when the coordinator is killed and restarted", async () => {
    const a = startWorker();
    const b = startWorker();
    const out = join(work, "restarted.json");
    const runs = join(`${out}.runs`, "runs");
    // Whole checkpoints only: a kill may leave a temp file of a write in progress behind.
    const saved = () =>
      existsSync(runs) ? readdirSync(runs).filter((f) => f.endsWith(".json")).length : 0;
    const first = cli([...simulateArgs(out), "--queue", redis.url]);
    await until(() => saved() >= 2);
    first.child.kill("SIGKILL");
    await first.exited;
    const before = saved();
    // Workers go on while no coordinator listens: their results wait in Redis.
    await until(() => doneLines(a).length + doneLines(b).length >= before + 2);
    const second = cli([...simulateArgs(out), "--queue", redis.url]);
    expect(await second.exited).toBe(0);
    expect(second.stderr).toContain(`resuming: ${before} of 8 runs already done`);
    expect(results(out)).toEqual(results(local));
    // Each of the 8 runs was computed once: nothing finished was redone.
    expect(doneLines(a).length + doneLines(b).length).toBe(8);
    a.child.kill("SIGTERM");
    b.child.kill("SIGTERM");
    await Promise.all([a.exited, b.exited]);
  }, 120_000);

  it("exits 2 with the local message for a bad scenario, without retries", async () => {
    // Valid by the schema, but its latencies overflow at run time (on the worker).
    const bad = join(work, "overflow.json");
    const backend = {
      latencyMs: { type: "exponential", mean: 1e300 },
      relevance: { default: { type: "constant", value: 1 } },
      windows: [{ kind: "degradation", startMs: 0, endMs: 1e12, latencyFactor: 1e300 }],
    };
    writeFileSync(
      bad,
      JSON.stringify({
        name: "overflow",
        backends: { b0: backend },
        workload: { mix: { x: 1 }, arrivals: { type: "poisson", qps: 100 } },
        slo: { latencyMs: 100, minRelevance: 0.5 },
      }),
    );
    const args = ["simulate", "--scenario", bad, "--strategies", "random", "--rounds", "100"];
    const localRun = cli([...args, "--workers", "1"]);
    expect(await localRun.exited).toBe(2);
    const w = startWorker();
    // --out keeps its checkpoint folder in the temp folder (else it is under .cache/).
    const queued = cli([...args, "--queue", redis.url, "--out", join(work, "bad.json")]);
    expect(await queued.exited).toBe(2);
    expect(queued.stderr.trim().split("\n").at(-1)).toBe(localRun.stderr.trim());
    await sleep(1500); // a retry, had there been one, would come after a 1 s backoff
    expect(w.stderr.match(/failed run-\w+ \(user error, not retried\)/g)).toHaveLength(1);
    w.child.kill("SIGTERM");
    await w.exited;
  }, 120_000);
});

describe("a queue worker", () => {
  it("refuses a job made by other code, with a message naming both versions", async () => {
    const connection = parseQueueUrl(redis.url).options;
    const queue = new Queue(QUEUE_NAME, { connection });
    const events = new QueueEvents(QUEUE_NAME, { connection });
    await events.waitUntilReady();
    const lines: string[] = [];
    const worker = startQueueWorker({ url: redis.url, concurrency: 1, log: (l) => lines.push(l) });
    try {
      const failed = new Promise<string>((done) =>
        events.on("failed", ({ failedReason }) => done(failedReason)),
      );
      await queue.add(
        "run",
        {
          format: "routing-lab/run-job",
          version: 1,
          code: "0.0.1+other",
          node: "v0.0.0",
          task: {},
        },
        { jobId: "run-refused", attempts: 3 },
      );
      const reason = await failed;
      expect(reason).toMatch(
        /refuses job run-refused: it was made by routing-lab 0\.0\.1\+other on Node v0\.0\.0, this worker runs routing-lab 0\.1\.0\+\w+ on Node v\d+/,
      );
      const job = await queue.getJob("run-refused");
      expect(job?.attemptsMade).toBe(1); // refused once, not retried
      await job?.remove();
    } finally {
      await worker.stop();
      await events.close();
      await queue.close();
    }
  }, 60_000);
});
