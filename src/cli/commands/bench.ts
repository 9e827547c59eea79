import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { mergeBenchReport } from "../../bench/merge-report.js";
import { benchSections } from "../../bench/sections.js";
import { type BenchReport, runBenchSuite } from "../../bench/suite.js";
import { UsageError } from "../../errors.js";
import { writeJsonAtomic } from "../../io/atomic-write.js";
import { labSettings, projectRoot } from "../../lab/settings.js";
import { checkOutputPath } from "../check-output-path.js";
import { parseInteger } from "../parse.js";

/** `routing-lab bench`: the benchmark suite; writes bench.json and prints a table. */
export function registerBench(program: Command): void {
  program
    .command("bench")
    .description(
      "run the benchmark suite; writes results/bench.json (quick: .cache/quick-results/)",
    )
    .option("--quick", "small workloads: finishes in under a minute")
    .option("--json", "print the JSON report to stdout instead of the table")
    .option("--out <file>", "where to write the JSON report")
    .option(
      "--only <ids>",
      `comma-separated sections: ${benchSections.map((s) => s.id).join(", ")}`,
    )
    .option(
      "--save",
      "with --only: add or replace those sections in results/bench.json, keeping the others (without it, --only writes .cache/bench-only.json)",
    )
    .option("--seed <n>", "root seed of the workloads", "42")
    .action(
      async (opts: {
        quick?: boolean;
        json?: boolean;
        out?: string;
        only?: string;
        save?: boolean;
        seed: string;
      }) => {
        const quick = opts.quick === true;
        const seed = parseInteger(opts.seed, "--seed");
        const wanted = opts.only?.split(",").map((s) => s.trim());
        const unknown = wanted?.filter((id) => !benchSections.some((s) => s.id === id)) ?? [];
        if (unknown.length > 0) {
          throw new UsageError(
            `--only: unknown section ${unknown.join(", ")}; choose from ${benchSections.map((s) => s.id).join(", ")}`,
          );
        }
        const sections = wanted
          ? benchSections.filter((s) => wanted.includes(s.id))
          : benchSections;
        if (opts.save === true && (wanted === undefined || opts.out !== undefined)) {
          throw new UsageError(
            "--save: only with --only (a full run writes results/bench.json anyway) and without --out",
          );
        }
        const settings = labSettings({ ...process.env, LAB_QUICK: quick ? "1" : "0" });
        const saved = join(settings.resultsDir, "bench.json");
        // Some sections alone never overwrite the saved report unless --save merges them in.
        const partial = wanted !== undefined && opts.save !== true;
        const out =
          opts.out ??
          (opts.json && opts.save !== true
            ? undefined
            : partial
              ? join(projectRoot, ".cache", "bench-only.json")
              : saved);
        if (out !== undefined) {
          checkOutputPath(out, { flag: opts.out === undefined ? "output file" : "--out" });
        }
        const log = (line: string) => process.stderr.write(`${line}\n`);
        const { report, text } = await runBenchSuite(sections, { quick, seed, log });
        if (out) {
          writeJsonAtomic(
            out,
            opts.save === true ? mergeBenchReport(readSaved(out), report) : report,
          );
          log(`bench: wrote ${out}`);
        }
        process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${text}\n`);
      },
    );
}

/** The saved report to merge into, when there is one. */
function readSaved(path: string): BenchReport | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as BenchReport;
  } catch (err) {
    throw new UsageError(`--save: ${path} is not a bench report: ${(err as Error).message}`);
  }
}
