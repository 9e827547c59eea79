import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { writeJsonAtomic } from "../../io/atomic-write.js";
import { queueSummary } from "../../queue/queue-stats.js";
import { loadScenario } from "../../sim/scenario/load.js";
import { exportPriors } from "../../tuning/export-priors.js";
import { formatSweepReport } from "../../tuning/format-sweep-report.js";
import { formatGridSpec, GRID_SPEC_FORM, parseGridSpec } from "../../tuning/grid-spec.js";
import { runPriorSweep } from "../../tuning/run-sweep.js";
import { sha256 } from "../../tuning/sweep-store.js";
import { checkOutputPath } from "../check-output-path.js";
import { onInterrupt } from "../interrupt.js";
import { parseInteger, parsePattern } from "../parse.js";
import { progressLine } from "../progress-line.js";
import { queueProgressBar } from "../queue-progress.js";

interface TuneOptions {
  scenario: string;
  grid: string;
  reps: string;
  rounds: string;
  workers?: string;
  out?: string;
  seed: string;
  pattern: string;
  baseline: boolean;
  json?: boolean;
  queue?: string;
}

/**
 * `routing-lab tune-priors`: sweeps Thompson priors and forgetting, resumably, in parallel,
 * and exports priors only when a setting's SLO attainment beats Beta(1, 1) without
 * forgetting (Holm-corrected paired interval above 0).
 */
export function registerTunePriors(program: Command): void {
  program
    .command("tune-priors")
    .description(
      "sweep Thompson Beta priors (strength, mean; global or per query type) and discount or window; resumable",
    )
    .requiredOption("--scenario <file>", "scenario file (data/scenarios/README.md)")
    .requiredOption("--grid <spec>", `the grid: ${GRID_SPEC_FORM}`)
    .option("--reps <r>", "repetitions per setting", "8")
    .option("--rounds <n>", "queries per run", "20000")
    .option("--workers <w>", "worker threads (0: this thread; default: available cores)")
    .option(
      "--out <dir>",
      "checkpoint and output folder; rerun with the same one to resume (default .cache/tune-priors/…)",
    )
    .option("--seed <s>", "root seed", "42")
    .option("--pattern <p>", "execution pattern", "feed-forward")
    .option(
      "--no-baseline",
      "do not add the Beta(1, 1), no-forgetting reference setting (then nothing can be advised)",
    )
    .option("--json", "print the report as JSON instead of text")
    .option(
      "--queue <url>",
      "run on queue workers (routing-lab worker) through Redis, e.g. redis://127.0.0.1:6379",
    )
    .action(async (opts: TuneOptions) => {
      const scenario = loadScenario(opts.scenario);
      const grid = parseGridSpec(opts.grid, { queryTypes: Object.keys(scenario.workload.mix) });
      const reps = parseInteger(opts.reps, "--reps", { min: 1, max: 100_000 });
      const rounds = parseInteger(opts.rounds, "--rounds", { min: 1 });
      const seed = parseInteger(opts.seed, "--seed");
      const workers =
        opts.workers === undefined
          ? availableParallelism()
          : parseInteger(opts.workers, "--workers", { min: 0, max: 256 });
      // Before the checkpoint folder gets a manifest: a bad pattern must not block a re-run.
      parsePattern(opts.pattern);
      const identity = [sha256(JSON.stringify(scenario)), formatGridSpec(grid), reps, rounds, seed];
      const dir =
        opts.out ??
        join(
          ".cache",
          "tune-priors",
          `${scenario.name}-${sha256(JSON.stringify([...identity, opts.pattern])).slice(0, 12)}`,
        );
      checkOutputPath(dir, {
        flag: opts.out === undefined ? "output folder" : "--out",
        kind: "directory",
      });
      const queueBar = opts.queue === undefined ? undefined : queueProgressBar("tune-priors");
      // Loaded only for --queue: BullMQ and ioredis add ≈ 0.5 s to every start-up otherwise.
      const executor =
        opts.queue === undefined
          ? undefined
          : (await import("../../queue/queue-executor.js")).queueExecutor({
              url: opts.queue,
              log: (line) => process.stderr.write(`tune-priors: ${line}\n`),
              onStatus: (s) => queueBar?.update(s),
            });
      const bar = executor
        ? undefined
        : progressLine({
            label: "tune-priors",
            unit: "runs",
            extra: (p) => `(${p.doneCells}/${p.totalCells} settings)`,
          });
      let saved = { saved: 0, total: 0 };
      let announced = false;
      const release = onInterrupt(() => saved);
      let result: Awaited<ReturnType<typeof runPriorSweep>>;
      try {
        result = await runPriorSweep({
          scenario,
          grid,
          reps,
          rounds,
          seed,
          pattern: opts.pattern,
          workers,
          executor,
          dir,
          baseline: opts.baseline,
          onProgress: (p) => {
            if (!announced && p.resumedRuns > 0) {
              process.stderr.write(
                `resuming: ${p.resumedRuns} of ${p.totalRuns} runs already done\n`,
              );
            }
            announced = true;
            saved = { saved: p.doneRuns, total: p.totalRuns };
            bar?.update(p.doneRuns, p.totalRuns, { ...p });
          },
        });
      } finally {
        bar?.stop();
        queueBar?.done();
        release();
      }
      const { report, info } = result;
      writeJsonAtomic(join(dir, "report.json"), report);
      // Only a setting shown better than Beta(1, 1) is exported (issue 14: no unconfirmed advice).
      const exported = exportPriors(report, dir);
      // Who ran it, apart from the report (which is the same as a local sweep's).
      const queuePath = join(dir, "queue.json");
      if (executor) writeJsonAtomic(queuePath, queueSummary(info.provenance));
      process.stdout.write(
        opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatSweepReport(report)}\n`,
      );
      const log = (line: string) => process.stderr.write(`tune-priors: ${line}\n`);
      const where = executor ? executor.label : `${workers} worker(s)`;
      log(`${info.ranRuns} runs on ${where} in ${(info.wallMs / 1000).toFixed(1)} s`);
      const written = [
        join(dir, "report.json"),
        ...(exported.exported ? [exported.priorsPath, exported.paramsPath] : []),
        ...(executor ? [queuePath] : []),
      ];
      log(`wrote ${written.join(", ")}`);
      if (!exported.exported) {
        log(
          `${exported.reason}; the leader's options are in report.json under "leader"${exported.removed.length > 0 ? `; removed the earlier export ${exported.removed.join(", ")}` : ""}`,
        );
      }
    });
}
