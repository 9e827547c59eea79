import type { Command } from "commander";
import type { Registry } from "prom-client";
import { profileSimulation } from "../../analysis/profile-simulation.js";
import { type WhatIfBase, whatIfAll } from "../../analysis/what-if.js";
import { UsageError } from "../../errors.js";
import { toJsonSafe } from "../../format/json-safe.js";
import { writeFileAtomic, writeJsonAtomic } from "../../io/atomic-write.js";
import { isSystemError, systemErrorReason } from "../../io/system-error.js";
import { formatProfileMarkdown } from "../../profiling/format-profile-markdown.js";
import { formatProfileText } from "../../profiling/format-profile-text.js";
import { type MetricsServer, serveMetrics } from "../../profiling/metrics-server.js";
import { analyzeProfile, type ProfileSource } from "../../profiling/profile-analysis.js";
import { profileTrace } from "../../profiling/profile-trace.js";
import { createPrometheusRegistry } from "../../profiling/prometheus-registry.js";
import type { RoutingProfiler } from "../../profiling/routing-profiler.js";
import { loadScenario } from "../../sim/scenario/load.js";
import { TraceFormatError } from "../../traces/trace-format-error.js";
import { readTunedParams } from "../../tuning/tuned-params.js";
import { checkOutputPath } from "../check-output-path.js";
import { parseInteger, parseNumber, parsePattern } from "../parse.js";

interface ProfileOptions {
  trace?: string;
  scenario?: string;
  strategy: string;
  params?: string;
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
      "--params <file>",
      "tuned Thompson priors for --strategy thompson: tune-priors' priors.json or bandit-params.json",
    )
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
      parsePattern(opts.pattern);
      // Every output is checked before any is written: a bad one leaves none behind.
      if (opts.out !== undefined) checkOutputPath(opts.out, { flag: "--out" });
      if (opts.markdown !== undefined) checkOutputPath(opts.markdown, { flag: "--markdown" });
      const scenario = opts.scenario === undefined ? undefined : loadScenario(opts.scenario);
      const sloMs =
        opts.sloMs !== undefined
          ? parseNumber(opts.sloMs, "--slo-ms", { min: Number.MIN_VALUE })
          : (scenario?.slo.latencyMs ?? DEFAULT_SLO_MS);
      if (opts.params !== undefined) {
        if (scenario === undefined) throw new UsageError("--params needs --scenario");
        if (opts.strategy !== "thompson") {
          throw new UsageError(
            `--params: ${opts.params} holds Thompson priors, but --strategy is ${opts.strategy}`,
          );
        }
      }
      const routerOptions = opts.params === undefined ? undefined : readTunedParams(opts.params);
      const base: WhatIfBase | undefined =
        scenario === undefined
          ? undefined
          : {
              scenario,
              strategy: opts.strategy,
              pattern: opts.pattern,
              rounds,
              seed,
              ...(routerOptions ? { routerOptions } : {}),
            };

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

      // Bind first: a port in use or a bad host then leaves no output files behind.
      const server =
        port === undefined
          ? undefined
          : await serveMetricsFlag(createPrometheusRegistry(profiler), {
              host: opts.metricsHost,
              port,
            });
      try {
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
        if (server !== undefined) {
          process.stderr.write(`profile: serving ${server.url} (Ctrl-C to stop)\n`);
          await new Promise<void>((resolve) => {
            const stop = () => resolve();
            process.once("SIGINT", stop);
            process.once("SIGTERM", stop);
          });
        }
      } finally {
        // Also on a failed write: an open server would keep the process alive.
        await server?.close();
      }
    });
}

/** {@link serveMetrics}, with a host or port that cannot be bound reported against its flag. */
async function serveMetricsFlag(
  registry: Registry,
  options: { host: string; port: number },
): Promise<MetricsServer> {
  try {
    return await serveMetrics(registry, options);
  } catch (err) {
    if (!isSystemError(err)) throw err;
    const reason = systemErrorReason(err);
    // A name that does not resolve is the host's fault; anything else (in use, not allowed,
    // not an address of this machine) is reported against the port too.
    if (err.syscall === "getaddrinfo") {
      throw new UsageError(`--metrics-host ${options.host}: cannot resolve (${reason})`);
    }
    throw new UsageError(
      `--serve-metrics ${options.port}: cannot listen on ${options.host}:${options.port} (${reason})`,
    );
  }
}
