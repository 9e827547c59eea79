import { join } from "node:path";
import type { Command } from "commander";
import { benchSections } from "../../bench/sections.js";
import { runBenchSuite } from "../../bench/suite.js";
import { UsageError } from "../../errors.js";
import { writeJsonAtomic } from "../../io/atomic-write.js";
import { labSettings } from "../../lab/settings.js";
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
    .option("--seed <n>", "root seed of the workloads", "42")
    .action(
      async (opts: {
        quick?: boolean;
        json?: boolean;
        out?: string;
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
        const sections = wanted
          ? benchSections.filter((s) => wanted.includes(s.id))
          : benchSections;
        const settings = labSettings({ ...process.env, LAB_QUICK: quick ? "1" : "0" });
        const out = opts.out ?? (opts.json ? undefined : join(settings.resultsDir, "bench.json"));
        if (out !== undefined) {
          checkOutputPath(out, { flag: opts.out === undefined ? "output file" : "--out" });
        }
        const log = (line: string) => process.stderr.write(`${line}\n`);
        const { report, text } = await runBenchSuite(sections, { quick, seed, log });
        if (out) {
          writeJsonAtomic(out, report);
          log(`bench: wrote ${out}`);
        }
        process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${text}\n`);
      },
    );
}
