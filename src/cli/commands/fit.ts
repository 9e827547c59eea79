import { basename, extname } from "node:path";
import type { Command } from "commander";
import { fitTrace } from "../../calibration/fit-trace.js";
import { formatTraceFit } from "../../calibration/format-trace-fit.js";
import { traceFitToScenario } from "../../calibration/trace-fit-to-scenario.js";
import type { LatencyFamily } from "../../calibration/types.js";
import { UsageError } from "../../errors.js";
import { writeJsonAtomic } from "../../io/atomic-write.js";
import { readTrace } from "../../traces/read-trace.js";
import { TraceFormatError } from "../../traces/trace-format-error.js";
import { checkOutputPath } from "../check-output-path.js";
import { parseInteger, parseNumber } from "../parse.js";

const CHOICES = ["auto", "lognormal", "gamma", "weibull", "empirical"] as const;

interface FitOptions {
  trace: string;
  out: string;
  name?: string;
  family: string;
  empiricalBelow: string;
  empiricalPoints: string;
  relevance: string;
  minRelevance: string;
  sloMs: string;
  byQueryType?: boolean;
  skipInvalid?: boolean;
  json?: boolean;
}

/** `routing-lab fit`: fits a latency trace and writes a scenario the simulator runs. */
export function registerFit(program: Command): void {
  program
    .command("fit")
    .description(
      "fit each backend's latency in a trace (lognormal, gamma, Weibull by ML; AIC; KS), its timeouts (censored tail or hangs) and errors, and write a scenario",
    )
    .requiredOption("--trace <file.csv>", "latency trace (format: data/traces/README.md)")
    .requiredOption("--out <scenario.json>", "scenario file to write (atomically)")
    .option("--name <name>", "scenario name (default: the output file's base name)")
    .option("--family <family>", `latency model: ${CHOICES.join(", ")} (auto = lowest AIC)`, "auto")
    .option(
      "--empirical-below <p>",
      "use the empirical summary when the AIC winner's KS p-value is below p",
      "0",
    )
    .option("--empirical-points <m>", "quantiles kept by the empirical summary", "1000")
    .option("--relevance <model>", "relevance model: beta (moments) or bernoulli", "beta")
    .option("--min-relevance <r>", "SLO minimum relevance", "0.7")
    .option("--slo-ms <ms>", "SLO latency bound", "2000")
    .option(
      "--by-query-type",
      "also fit a mixture with one component per query type (competes by AIC)",
    )
    .option("--skip-invalid", "skip invalid trace rows (and say how many) instead of stopping")
    .option("--json", "print the fit as JSON instead of the text report")
    .action(async (opts: FitOptions) => {
      if (!(CHOICES as readonly string[]).includes(opts.family)) {
        throw new UsageError(`--family must be one of ${CHOICES.join(", ")}, got "${opts.family}"`);
      }
      if (opts.relevance !== "beta" && opts.relevance !== "bernoulli") {
        throw new UsageError(`--relevance must be beta or bernoulli, got "${opts.relevance}"`);
      }
      const empiricalBelowPValue = parseNumber(opts.empiricalBelow, "--empirical-below", {
        min: 0,
        max: 1,
      });
      const points = parseInteger(opts.empiricalPoints, "--empirical-points", { min: 1 });
      const minRelevance = parseNumber(opts.minRelevance, "--min-relevance", { min: 0, max: 1 });
      const sloMs = parseNumber(opts.sloMs, "--slo-ms", { min: Number.MIN_VALUE });
      if (opts.name !== undefined && opts.name.trim() === "") {
        throw new UsageError("--name must not be empty");
      }
      checkOutputPath(opts.out, { flag: "--out" });

      let parsed: Awaited<ReturnType<typeof readTrace>>;
      try {
        parsed = await readTrace(opts.trace, { skipInvalid: opts.skipInvalid === true });
      } catch (err) {
        if (err instanceof TraceFormatError) throw new UsageError(err.message);
        throw err;
      }
      const fit = fitTrace(parsed.rows, {
        minRelevance,
        model: opts.relevance,
        byQueryType: opts.byQueryType === true,
        latency: {
          choose: opts.family === "auto" ? "aic" : (opts.family as LatencyFamily),
          empiricalBelowPValue,
          empirical: { points },
        },
      });
      const name = opts.name ?? basename(opts.out, extname(opts.out));
      const { scenario, notes } = traceFitToScenario(fit, { name, sloMs });
      writeJsonAtomic(opts.out, scenario);

      const skipped = parsed.summary.skipped;
      if (opts.json) {
        // The latencies are the trace itself; leave them out of the report.
        const backends = fit.backends.map(({ latencies: _, ...rest }) => rest);
        const report = { trace: opts.trace, out: opts.out, skipped, ...fit, backends, notes };
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      } else {
        process.stdout.write(`${formatTraceFit(fit)}\n`);
        for (const note of notes) process.stdout.write(`note: ${note}\n`);
      }
      if (skipped > 0) process.stderr.write(`fit: skipped ${skipped} invalid rows\n`);
      process.stderr.write(`fit: wrote ${opts.out}\n`);
    });
}
