import { type ChildProcess, spawn } from "node:child_process";
import { Queue } from "bullmq";
import { moduleEntry } from "../lab/module-entry.js";
import { parseQueueUrl } from "../queue/queue-url.js";
import { QUEUE_NAME } from "../queue/run-job.js";

/** A `routing-lab worker` child process. */
export interface WorkerProcess {
  child: ChildProcess;
  /** What it wrote to stderr so far (for error messages). */
  stderr(): string;
  /** SIGTERM (it finishes its current job), then waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts `routing-lab worker --queue URL --concurrency N` as a child process: the CLI itself
 * (dist/cli.js, or src/cli.ts through tsx from the sources), as a user would run it.
 *
 * @param url the queue
 * @param concurrency its `--concurrency`
 * @returns the process
 * @example const w = spawnQueueWorker("redis://127.0.0.1:6390/1", 1); … await w.stop();
 */
export function spawnQueueWorker(url: string, concurrency: number): WorkerProcess {
  const { file, execArgv } = moduleEntry(import.meta.url, "../cli");
  const child = spawn(
    process.execPath,
    [...execArgv, file, "worker", "--queue", url, "--concurrency", String(concurrency)],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr += String(d);
  });
  const exited = new Promise<void>((done) => child.once("close", () => done()));
  return {
    child,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Waits until `count` workers are connected to the queue at `url`.
 *
 * @param url the queue
 * @param count workers expected
 * @param processes the workers' processes, whose stderr a timeout shows
 * @throws {Error} after 60 s (a worker failed to start) or when a process exits
 */
export async function waitForQueueWorkers(
  url: string,
  count: number,
  processes: readonly WorkerProcess[],
): Promise<void> {
  const queue = new Queue(QUEUE_NAME, { connection: parseQueueUrl(url).options });
  try {
    const deadline = Date.now() + 60_000;
    while ((await queue.getWorkersCount()) < count) {
      const dead = processes.find((p) => p.child.exitCode !== null);
      if (dead || Date.now() > deadline) {
        const said = processes.map((p) => p.stderr()).join("\n");
        throw new Error(`queue workers did not start on ${url}:\n${said}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await queue.close();
  }
}
