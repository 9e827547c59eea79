import type { Command } from "commander";
import { writeFileAtomic, writeJsonAtomic } from "../../io/atomic-write.js";
import { formatProfileMarkdown } from "../../profiling/format-profile-markdown.js";
import { formatProfileText } from "../../profiling/format-profile-text.js";
import { toJsonSafe } from "../../profiling/json-safe.js";
import { analyzeProfile } from "../../profiling/profile-analysis.js";
import { profileTrace } from "../../profiling/profile-trace.js";
import { TraceFormatError } from "../../traces/trace-format-error.js";
import { UsageError } from "../errors.js";
import { parseNumber } from "../parse.js";

interface ProfileOptions {
  trace: string;
  sloMs: string;
  sloQuantile: string;
  windowMs: string;
  json?: boolean;
  skipInvalid?: boolean;
  out?: string;
  markdown?: string;
}

const QUANTILES = ["0.5", "0.9", "0.95", "0.99", "0.999"];

/** `routing-lab profile`: percentiles, bottlenecks and recommendations for a latency trace. */
export function registerProfile(program: Command): void {
  program
    .command("profile")
    .description(
      "profile a latency trace: percentiles per backend/pattern/query type (DDSketch, ±1 %), bottlenecks against an SLO, recommendations",
    )
    .requiredOption("--trace <file.csv>", "latency trace (format: data/traces/README.md)")
    .option("--slo-ms <ms>", "latency SLO the bottleneck rules judge against", "2000")
    .option("--slo-quantile <q>", `quantile the SLO applies to: ${QUANTILES.join(", ")}`, "0.99")
    .option("--window-ms <ms>", "width of the time windows (trace timestamps)", "1000")
    .option("--skip-invalid", "skip invalid rows (the report says how many) instead of stopping")
    .option("--json", "print the analysis as JSON instead of the text report")
    .option("--out <file.json>", "also write the JSON analysis here (atomically)")
    .option("--markdown <file.md>", "also write markdown sections here (atomically)")
    .action(async (opts: ProfileOptions) => {
      const sloMs = parseNumber(opts.sloMs, "--slo-ms", { min: Number.MIN_VALUE });
      if (!QUANTILES.includes(opts.sloQuantile)) {
        throw new UsageError(
          `--slo-quantile must be one of ${QUANTILES.join(", ")}, got "${opts.sloQuantile}"`,
        );
      }
      const windowMs = parseNumber(opts.windowMs, "--window-ms", { min: Number.MIN_VALUE });
      let profiled: Awaited<ReturnType<typeof profileTrace>>;
      try {
        profiled = await profileTrace(opts.trace, {
          skipInvalid: opts.skipInvalid === true,
          profiler: { windowMs },
        });
      } catch (err) {
        // Nothing was printed yet: a partial parse reports nothing.
        if (err instanceof TraceFormatError) throw new UsageError(err.message);
        throw err;
      }
      const t0 = performance.now();
      const report = profiled.profiler.report({ wallTime: false });
      const analysis = analyzeProfile(report, {
        sloMs,
        thresholds: { sloQuantile: Number(opts.sloQuantile) },
        source: profiled.source,
      });
      // Report the whole cost, reading and analysing.
      analysis.source = {
        ...profiled.source,
        elapsedMs: profiled.source.elapsedMs + (performance.now() - t0),
      };
      const json = toJsonSafe(analysis);
      if (opts.out !== undefined) writeJsonAtomic(opts.out, json);
      if (opts.markdown !== undefined)
        writeFileAtomic(opts.markdown, formatProfileMarkdown(analysis));
      process.stdout.write(
        opts.json ? `${JSON.stringify(json, null, 2)}\n` : `${formatProfileText(analysis)}\n`,
      );
      if (profiled.source.skipped > 0) {
        process.stderr.write(`profile: skipped ${profiled.source.skipped} invalid rows\n`);
      }
    });
}
