import { availableParallelism } from "node:os";
import type { Command } from "commander";
import { parseQueueUrl } from "../../queue/queue-url.js";
import { parseInteger } from "../parse.js";

interface WorkerOptions {
  queue: string;
  concurrency?: string;
  lockMs: string;
}

/** `routing-lab worker`: runs queued simulation jobs until SIGTERM or SIGINT. */
export function registerWorker(program: Command): void {
  program
    .command("worker")
    .description(
      "run queued simulation jobs from Redis (BullMQ) on worker threads until SIGTERM/SIGINT; see README, running a sweep on N machines",
    )
    .requiredOption(
      "--queue <url>",
      "Redis: redis://HOST:PORT, redis://:PASSWORD@HOST:PORT or rediss:// (TLS)",
    )
    .option("--concurrency <n>", "jobs at once, one worker thread each (default: one per core)")
    .option(
      "--lock-ms <ms>",
      "job lock; a job of a killed worker goes to another within about 1.5× this",
      "30000",
    )
    .action(async (opts: WorkerOptions) => {
      const { display } = parseQueueUrl(opts.queue);
      const concurrency =
        opts.concurrency === undefined
          ? availableParallelism()
          : parseInteger(opts.concurrency, "--concurrency", { min: 1, max: 1024 });
      const lockMs = parseInteger(opts.lockMs, "--lock-ms", { min: 500, max: 3_600_000 });
      const log = (line: string) => process.stderr.write(`worker: ${line}\n`);
      // Loaded here: BullMQ would slow every other command's start-up.
      const { startQueueWorker } = await import("../../queue/queue-worker.js");
      const worker = startQueueWorker({
        url: opts.queue,
        concurrency,
        timings: { lockMs },
        log: (line) => {
          // `done <jobId>` goes to stdout, one line per job, for scripts; the rest is talk.
          if (line.startsWith("done ")) process.stdout.write(`${line}\n`);
          else log(line);
        },
      });
      log(`${worker.name} takes jobs from ${display} on ${concurrency} thread(s); Ctrl-C stops it`);
      await new Promise<void>((resolve) => {
        let signals = 0;
        const stop = (signal: string) => {
          signals++;
          if (signals === 1) {
            log(`${signal}: finishing the current job(s); ${signal} again hands them back`);
            worker.stop().then(resolve, resolve);
          } else {
            // Its jobs' locks lapse and another worker's stalled check takes them over.
            log(`${signal}: leaving the current job(s) to other workers`);
            process.exit(130);
          }
        };
        process.on("SIGINT", () => stop("SIGINT"));
        process.on("SIGTERM", () => stop("SIGTERM"));
      });
      log("stopped");
    });
}
