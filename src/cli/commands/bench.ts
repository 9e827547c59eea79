import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { benchReportProblem, mergeBenchReports } from "../../bench/merge-report.js";
import { benchSections } from "../../bench/sections.js";
import { type BenchReport, runBenchSuite } from "../../bench/suite.js";
import { UsageError } from "../../errors.js";
import { writeJsonAtomic } from "../../io/atomic-write.js";
import { pathFromRoot } from "../../lab/path-from-root.js";
import { labSettings } from "../../lab/settings.js";
import { checkOutputPath } from "../check-output-path.js";
import { parseInteger } from "../parse.js";

/** `routing-lab bench`: the benchmark suite; writes bench.json and prints a table. */
export function registerBench(program: Command): void {
  program
    .command("bench")
    .description(
      "run the benchmark suite; writes .cache/results/bench.json (quick: .cache/quick-results/), or with --save merges into results/bench.json",
    )
    .option("--quick", "small workloads: finishes in under a minute")
    .option("--json", "print the JSON report to stdout instead of the table")
    .option("--out <file>", "where to write the JSON report")
    .option(
      "--save",
      "merge into the committed results/bench.json: add or replace the sections run, keep the others",
    )
    .option(
      "--only <ids>",
      `comma-separated sections: ${benchSections.map((s) => s.id).join(", ")}`,
    )
    .option("--seed <n>", "root seed of the workloads", "42")
    .action(
      async (opts: {
        quick?: boolean;
        json?: boolean;
        out?: string;
        save?: boolean;
        only?: string;
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
        if (opts.save && quick) {
          throw new UsageError(
            "--save: quick-mode numbers do not go into results/bench.json; drop --quick or --save",
          );
        }
        if (opts.save && opts.out !== undefined) {
          throw new UsageError("--save writes results/bench.json: give --save or --out, not both");
        }
        const sections = wanted
          ? benchSections.filter((s) => wanted.includes(s.id))
          : benchSections;
        const out = benchOutputFile(opts, quick);
        const saved = opts.save && out !== undefined ? readSavedReport(out) : undefined;
        if (out !== undefined) {
          checkOutputPath(out, { flag: opts.out === undefined ? "output file" : "--out" });
        }
        const log = (line: string) => process.stderr.write(`${line}\n`);
        const { report, text } = await runBenchSuite(sections, { quick, seed, log });
        const written = opts.save
          ? mergeBenchReports(
              saved,
              report,
              benchSections.map((s) => s.id),
            )
          : report;
        if (out) {
          writeJsonAtomic(out, written);
          const kept = Object.keys(written.sections).length - Object.keys(report.sections).length;
          log(
            `bench: wrote ${pathFromRoot(out)}${opts.save ? ` (${Object.keys(report.sections).length} section(s) measured, ${kept} kept)` : ""}`,
          );
        }
        process.stdout.write(opts.json ? `${JSON.stringify(written, null, 2)}\n` : `${text}\n`);
      },
    );
}

/**
 * Where `bench` writes its report: `--out`; with `--save` the committed `results/bench.json`
 * (or `LAB_RESULTS/bench.json`); else a scratch file under `.cache/`, so a partial or quick
 * run never replaces the committed one; with `--json` alone, nowhere.
 *
 * @param opts the command's `--out`, `--save` and `--json`
 * @param quick `--quick`
 * @param env the environment (default `process.env`)
 * @returns the file, or undefined for none
 * @example benchOutputFile({ save: true }, false) // "<root>/results/bench.json"
 */
export function benchOutputFile(
  opts: { out?: string; save?: boolean; json?: boolean },
  quick: boolean,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (opts.out !== undefined) return opts.out;
  if (opts.save) {
    const saved = labSettings({ ...env, LAB_QUICK: "0", LAB_WRITE_RESULTS: "1" });
    return join(saved.resultsDir, "bench.json");
  }
  if (opts.json) return undefined;
  const { LAB_RESULTS: _ignored, ...rest } = env;
  const scratch = labSettings({ ...rest, LAB_QUICK: quick ? "1" : "0", LAB_WRITE_RESULTS: "0" });
  return join(scratch.resultsDir, "bench.json");
}

/** The saved report `--save` merges into; undefined when there is none yet. */
function readSavedReport(path: string): BenchReport | undefined {
  if (!existsSync(path)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new UsageError(
      `${pathFromRoot(path)}: cannot read the saved bench report to merge into (${err instanceof Error ? err.message : String(err)}); fix or remove it`,
    );
  }
  const problem = benchReportProblem(value);
  if (problem !== undefined) {
    throw new UsageError(
      `${pathFromRoot(path)}: not a bench report to merge into (${problem}); fix or remove it`,
    );
  }
  return value as BenchReport;
}
