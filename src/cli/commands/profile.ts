import type { Command } from "commander";
import { writeFileAtomic, writeJsonAtomic } from "../../io/atomic-write.js";
import { formatProfileMarkdown } from "../../profiling/format-profile-markdown.js";
import { formatProfileText } from "../../profiling/format-profile-text.js";
import { toJsonSafe } from "../../profiling/json-safe.js";
import { serveMetrics } from "../../profiling/metrics-server.js";
import { analyzeProfile, type ProfileSource } from "../../profiling/profile-analysis.js";
import { profileSimulation } from "../../profiling/profile-simulation.js";
import { profileTrace } from "../../profiling/profile-trace.js";
import { createPrometheusRegistry } from "../../profiling/prometheus-registry.js";
import type { RoutingProfiler } from "../../profiling/routing-profiler.js";
import { type WhatIfBase, whatIfAll } from "../../profiling/what-if.js";
import { toPatternSpec } from "../../sim/patterns/spec.js";
import { loadScenario } from "../../sim/scenario/load.js";
import { TraceFormatError } from "../../traces/trace-format-error.js";
import { UsageError } from "../errors.js";
import { parseInteger, parseNumber } from "../parse.js";

interface ProfileOptions {
  trace?: string;
  scenario?: string;
  strategy: string;
  pattern: string;
  rounds: string;
  seed: string;
  sloMs?: string;
  sloQuantile: string;
  windowMs: string;
  whatIf: boolean;
  json?: boolean;
  skipInvalid?: boolean;
  out?: string;
  markdown?: string;
  serveMetrics?: string;
  metricsHost: string;
}

const QUANTILES = ["0.5", "0.9", "0.95", "0.99", "0.999"];
/** The SLO when neither `--slo-ms` nor a scenario gives one: the old system's success bound. */
const DEFAULT_SLO_MS = 2000;

/** `routing-lab profile`: percentiles, bottlenecks and recommendations for a trace or a simulation. */
export function registerProfile(program: Command): void {
  program
    .command("profile")
    .description(
      "profile a latency trace or a simulation: percentiles per backend/pattern/query type (DDSketch, ±1 %), bottlenecks against an SLO, recommendations re-simulated (what-if)",
    )
    .option("--trace <file.csv>", "latency trace (format: data/traces/README.md)")
    .option(
      "--scenario <file.json>",
      "scenario: profiled by simulation when no --trace is given; what-ifs re-simulate on it",
    )
    .option("--strategy <name>", "strategy of the simulated runs", "thompson")
    .option(
      "--pattern <p>",
      "execution pattern of the simulated runs, e.g. parallel:fanout=3",
      "feed-forward",
    )
    .option("--rounds <n>", "queries per simulated run", "20000")
    .option("--seed <n>", "seed of the simulated runs", "42")
    .option("--slo-ms <ms>", `latency SLO (default: the scenario's, else ${DEFAULT_SLO_MS})`)
    .option("--slo-quantile <q>", `quantile the SLO applies to: ${QUANTILES.join(", ")}`, "0.99")
    .option("--window-ms <ms>", "width of the time windows (trace timestamps)", "1000")
    .option("--no-what-if", "do not re-simulate recommendations")
    .option(
      "--skip-invalid",
      "skip invalid trace rows (the report says how many) instead of stopping",
    )
    .option("--json", "print the analysis as JSON instead of the text report")
    .option("--out <file.json>", "also write the JSON analysis here (atomically)")
    .option("--markdown <file.md>", "also write markdown sections here (atomically)")
    .option(
      "--serve-metrics <port>",
      "then serve Prometheus /metrics on this port until Ctrl-C (0: any)",
    )
    .option("--metrics-host <host>", "interface for --serve-metrics", "127.0.0.1")
    .action(async (opts: ProfileOptions) => {
      if (opts.trace === undefined && opts.scenario === undefined) {
        throw new UsageError("profile needs --trace <file.csv> or --scenario <file.json>");
      }
      if (!QUANTILES.includes(opts.sloQuantile)) {
        throw new UsageError(
          `--slo-quantile must be one of ${QUANTILES.join(", ")}, got "${opts.sloQuantile}"`,
        );
      }
      const windowMs = parseNumber(opts.windowMs, "--window-ms", { min: Number.MIN_VALUE });
      const rounds = parseInteger(opts.rounds, "--rounds", { min: 1 });
      const seed = parseInteger(opts.seed, "--seed");
      const port =
        opts.serveMetrics === undefined
          ? undefined
          : parseInteger(opts.serveMetrics, "--serve-metrics", { min: 0, max: 65535 });
      try {
        toPatternSpec(opts.pattern);
      } catch (err) {
        throw new UsageError(`--pattern: ${(err as Error).message}`);
      }
      const scenario = opts.scenario === undefined ? undefined : loadScenario(opts.scenario);
      const sloMs =
        opts.sloMs !== undefined
          ? parseNumber(opts.sloMs, "--slo-ms", { min: Number.MIN_VALUE })
          : (scenario?.slo.latencyMs ?? DEFAULT_SLO_MS);
      const base: WhatIfBase | undefined =
        scenario === undefined
          ? undefined
          : { scenario, strategy: opts.strategy, pattern: opts.pattern, rounds, seed };

      const t0 = performance.now();
      let profiler: RoutingProfiler;
      let source: ProfileSource;
      if (opts.trace !== undefined) {
        try {
          ({ profiler, source } = await profileTrace(opts.trace, {
            skipInvalid: opts.skipInvalid === true,
            profiler: { windowMs },
          }));
        } catch (err) {
          // Nothing was printed yet: a partial parse reports nothing.
          if (err instanceof TraceFormatError) throw new UsageError(err.message);
          throw err;
        }
      } else {
        ({ profiler, source } = profileSimulation(base as WhatIfBase));
      }
      const analysis = analyzeProfile(profiler.report({ wallTime: false }), {
        sloMs,
        thresholds: { sloQuantile: Number(opts.sloQuantile) },
        recommend: { currentStrategy: base?.strategy },
      });
      // Report the whole cost of reading and analysing (what-ifs are timed apart).
      analysis.source = { ...source, elapsedMs: performance.now() - t0 };
      if (base !== undefined && opts.whatIf) {
        analysis.whatIf = whatIfAll(analysis.recommendations, base);
      }

      const json = toJsonSafe(analysis);
      if (opts.out !== undefined) writeJsonAtomic(opts.out, json);
      if (opts.markdown !== undefined) {
        writeFileAtomic(opts.markdown, formatProfileMarkdown(analysis));
      }
      process.stdout.write(
        opts.json ? `${JSON.stringify(json, null, 2)}\n` : `${formatProfileText(analysis)}\n`,
      );
      if (source.skipped > 0) {
        process.stderr.write(`profile: skipped ${source.skipped} invalid rows\n`);
      }
      if (port !== undefined) {
        const server = await serveMetrics(createPrometheusRegistry(profiler), {
          host: opts.metricsHost,
          port,
        });
        process.stderr.write(`profile: serving ${server.url} (Ctrl-C to stop)\n`);
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once("SIGINT", stop);
          process.once("SIGTERM", stop);
        });
        await server.close();
      }
    });
}
