import type { Command } from "commander";
import type { Registry } from "prom-client";
import { profileSimulation } from "../../analysis/profile-simulation.js";
import { TRACE_MIX_STRATEGY, traceModel } from "../../analysis/trace-model.js";
import { unverified, verifyAdvice } from "../../analysis/verify-advice.js";
import type { WhatIfBase } from "../../analysis/what-if.js";
import { UsageError } from "../../errors.js";
import { toJsonSafe } from "../../format/json-safe.js";
import { writeFileAtomic, writeJsonAtomic } from "../../io/atomic-write.js";
import { isSystemError, systemErrorReason } from "../../io/system-error.js";
import type { Severity } from "../../profiling/find-bottlenecks.js";
import { formatProfileMarkdown } from "../../profiling/format-profile-markdown.js";
import { formatProfileText } from "../../profiling/format-profile-text.js";
import { type MetricsServer, serveMetrics } from "../../profiling/metrics-server.js";
import { type OutcomeTable, relevantBackendsOf } from "../../profiling/outcome-table.js";
import {
  type AnalyzeOptions,
  analyzeProfile,
  type ProfileAnalysis,
  type ProfileSource,
} from "../../profiling/profile-analysis.js";
import { profileTrace } from "../../profiling/profile-trace.js";
import { createPrometheusRegistry } from "../../profiling/prometheus-registry.js";
import type { RoutingProfiler } from "../../profiling/routing-profiler.js";
import { loadScenario } from "../../sim/scenario/load.js";
import { TraceFormatError } from "../../traces/trace-format-error.js";
import { readTunedParams } from "../../tuning/tuned-params.js";
import { CheckFailed } from "../check-failed.js";
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
  minRelevance?: string;
  sloQuantile: string;
  reps: string;
  callsBudget: string;
  failOn?: string;
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
/** The minimum relevance when neither `--min-relevance` nor a scenario gives one: the old rule. */
const DEFAULT_MIN_RELEVANCE = 0.7;
/** `--fail-on` values, and the severities each one fails on. */
const FAIL_ON: Record<string, readonly Severity[]> = {
  warning: ["warning", "critical"],
  critical: ["critical"],
};

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
    .option(
      "--min-relevance <r>",
      `relevance an answer needs to count (default: the scenario's, else ${DEFAULT_MIN_RELEVANCE})`,
    )
    .option("--slo-quantile <q>", `quantile the SLO applies to: ${QUANTILES.join(", ")}`, "0.99")
    .option("--window-ms <ms>", "width of the time windows (trace timestamps)", "1000")
    .option("--no-what-if", "do not re-simulate recommendations (they stay unverified)")
    .option("--reps <n>", "paired repetitions per re-simulated recommendation (≥ 2)", "5")
    .option(
      "--calls-budget <percent>",
      "largest rise in backend calls per query an advised change may cost, in %",
      "10",
    )
    .option(
      "--fail-on <severity>",
      "exit 1 when a finding of this severity or worse exists: warning or critical",
    )
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
      const reps = parseInteger(opts.reps, "--reps", { min: 2 });
      const callsBudget = parseNumber(opts.callsBudget, "--calls-budget", { min: 0 }) / 100;
      if (opts.failOn !== undefined && !Object.hasOwn(FAIL_ON, opts.failOn)) {
        throw new UsageError(
          `--fail-on must be one of ${Object.keys(FAIL_ON).join(", ")}, got "${opts.failOn}"`,
        );
      }
      const port =
        opts.serveMetrics === undefined
          ? undefined
          : parseInteger(opts.serveMetrics, "--serve-metrics", { min: 0, max: 65535 });
      parsePattern(opts.pattern);
      // Every output is checked before any is written: a bad one leaves none behind.
      if (opts.out !== undefined) checkOutputPath(opts.out, { flag: "--out" });
      if (opts.markdown !== undefined) checkOutputPath(opts.markdown, { flag: "--markdown" });
      const loaded = opts.scenario === undefined ? undefined : loadScenario(opts.scenario);
      const sloMs =
        opts.sloMs !== undefined
          ? parseNumber(opts.sloMs, "--slo-ms", { min: Number.MIN_VALUE })
          : (loaded?.slo.latencyMs ?? DEFAULT_SLO_MS);
      const minRelevance =
        opts.minRelevance !== undefined
          ? parseNumber(opts.minRelevance, "--min-relevance", { min: 0, max: 1 })
          : (loaded?.slo.minRelevance ?? DEFAULT_MIN_RELEVANCE);
      // One objective: the flags, when given, are the SLO of the simulated runs too.
      const scenario =
        loaded === undefined ? undefined : { ...loaded, slo: { latencyMs: sloMs, minRelevance } };
      const verify = { reps, callsBudget };
      if (opts.params !== undefined) {
        if (scenario === undefined) throw new UsageError("--params needs --scenario");
        if (opts.strategy !== "thompson") {
          throw new UsageError(
            `--params: ${opts.params} holds Thompson priors, but --strategy is ${opts.strategy}`,
          );
        }
      }
      const routerOptions = opts.params === undefined ? undefined : readTunedParams(opts.params);

      const t0 = performance.now();
      let profiler: RoutingProfiler;
      let source: ProfileSource;
      let analysis: ProfileAnalysis;
      const analyze = (
        p: RoutingProfiler,
        outcomes: OutcomeTable,
        recommend: AnalyzeOptions["recommend"],
      ) =>
        analyzeProfile(p.report({ wallTime: false }), {
          sloMs,
          thresholds: { sloQuantile: Number(opts.sloQuantile) },
          recommend,
          outcomes,
        });
      if (opts.trace !== undefined) {
        let traced: Awaited<ReturnType<typeof profileTrace>>;
        try {
          traced = await profileTrace(opts.trace, {
            skipInvalid: opts.skipInvalid === true,
            profiler: { windowMs },
            minRelevance,
            keepRows: opts.whatIf && scenario === undefined,
          });
        } catch (err) {
          // Nothing was printed yet: a partial parse reports nothing.
          if (err instanceof TraceFormatError) throw new UsageError(err.message);
          throw err;
        }
        ({ profiler, source } = traced);
        const relevant = relevantBackendsOf(traced.outcomes);
        if (scenario !== undefined) {
          // Verified on the scenario given, under the strategy given.
          const base: WhatIfBase = {
            scenario,
            strategy: opts.strategy,
            pattern: opts.pattern,
            rounds,
            seed,
            ...(routerOptions ? { routerOptions } : {}),
          };
          analysis = analyze(profiler, traced.outcomes, {
            currentStrategy: opts.strategy,
            relevant,
          });
          if (opts.whatIf) {
            const v = verifyAdvice(analysis.recommendations, { base, ...verify, relevant });
            analysis.recommendations = v.recommendations;
            analysis.advice = v.verification;
          }
        } else {
          analysis = analyze(profiler, traced.outcomes, {
            currentStrategy: TRACE_MIX_STRATEGY,
            relevant,
          });
          if (opts.whatIf) {
            const model = traceModel(traced.rows ?? [], { sloMs, minRelevance, rounds, seed });
            if (model.ok) {
              const v = verifyAdvice(analysis.recommendations, {
                base: model.base,
                ...verify,
                relevant,
                basis: `a model fitted to the trace, routed at the trace's own shares per query type × backend (${TRACE_MIX_STRATEGY})${model.base.pattern === undefined ? "" : ` under its pattern ${String(model.base.pattern)}`}`,
                fitted: model.fitted,
              });
              analysis.recommendations = v.recommendations;
              analysis.advice = v.verification;
            } else {
              analysis.recommendations = unverified(analysis.recommendations, model.reason);
            }
          } else {
            analysis.recommendations = unverified(analysis.recommendations, "--no-what-if");
          }
        }
      } else {
        const base: WhatIfBase = {
          scenario: scenario as NonNullable<typeof scenario>,
          strategy: opts.strategy,
          pattern: opts.pattern,
          rounds,
          seed,
          ...(routerOptions ? { routerOptions } : {}),
        };
        const profiled = profileSimulation(base);
        ({ profiler, source } = profiled);
        analysis = analyze(profiler, profiled.outcomes.table(), {
          currentStrategy: opts.strategy,
          cacheCapacity: base.scenario.cache?.capacity,
        });
        if (opts.whatIf) {
          const v = verifyAdvice(analysis.recommendations, { base, ...verify });
          analysis.recommendations = v.recommendations;
          analysis.advice = v.verification;
        } else {
          analysis.recommendations = unverified(analysis.recommendations, "--no-what-if");
        }
      }
      // Report the whole cost of reading and analysing (re-simulations are timed apart).
      const elapsedMs = performance.now() - t0 - (analysis.advice?.elapsedMs ?? 0);
      analysis.source = { ...source, elapsedMs };

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
      // After the report: a CI gate wants to see why it failed.
      const failOn = opts.failOn === undefined ? undefined : FAIL_ON[opts.failOn];
      const failing = analysis.findings.filter((f) => failOn?.includes(f.severity));
      if (failing.length > 0) {
        throw new CheckFailed(
          `--fail-on ${opts.failOn}: ${failing.length} finding${failing.length === 1 ? "" : "s"} of that severity or worse (${failing.map((f) => f.id).join(", ")})`,
        );
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
