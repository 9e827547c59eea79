import { createHash } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { routingByType } from "../../analysis/routing-by-type.js";
import { SIMULATE_LEGEND, strategyVerdict } from "../../analysis/strategy-verdict.js";
import { UsageError } from "../../errors.js";
import { textTable } from "../../format/text-table.js";
import { writeFileAtomic, writeJsonAtomic } from "../../io/atomic-write.js";
import { formatPatternSpec } from "../../patterns/spec.js";
import { queueSummary } from "../../queue/queue-stats.js";
import type { RouterOptions } from "../../routing/registry.js";
import { CompiledScenario } from "../../sim/model/compiled-scenario.js";
import { simulationDocument } from "../../sim/run/document.js";
import { runPlannedExperiment } from "../../sim/run/planned-experiment.js";
import type { ExperimentResult } from "../../sim/run/run-experiment.js";
import { RunStore } from "../../sim/run/run-store.js";
import { loadScenario } from "../../sim/scenario/load.js";
import { createStrategy, routerStream } from "../../sim/strategy/create-strategy.js";
import { loggedTraceLines } from "../../sim/trace-log/format-logged-trace.js";
import { runLoggedSimulation } from "../../sim/trace-log/run-logged-simulation.js";
import { readTunedParams } from "../../tuning/tuned-params.js";
import { checkOutputPath } from "../check-output-path.js";
import { onInterrupt } from "../interrupt.js";
import { parseInteger, parsePattern } from "../parse.js";
import { progressLine } from "../progress-line.js";
import { queueProgressBar } from "../queue-progress.js";

interface SimulateOptions {
  scenario: string;
  strategies: string;
  strategy: string[];
  pattern: string;
  rounds: string;
  reps: string;
  seed: string;
  workers?: string;
  points: string;
  out?: string;
  json?: boolean;
  profile?: boolean;
  queue?: string;
  params?: string;
  traceOut?: string;
  byType?: boolean;
}

/** `routing-lab simulate`: strategies against a scenario in virtual time. */
export function registerSimulate(program: Command): void {
  program
    .command("simulate")
    .description(
      "run routing strategies against a scenario's simulated backends in virtual time (regret, SLO, tail latency)",
    )
    .requiredOption("--scenario <file.json>", "scenario file (format: data/scenarios/README.md)")
    .option(
      "--strategies <names>",
      "comma-separated plain names: oracle, thompson, ucb1, epsilon-greedy, kl-ucb, sw-ucb, d-ucb, exp3, linucb, linear-thompson, rule-based, random, round-robin, least-outstanding, peak-ewma, always:<backend>",
      "thompson,oracle",
    )
    .option(
      "--strategy <spec>",
      "a strategy with options, name:key=value,… (repeatable; e.g. linucb:alpha=0.5, thompson:prior=2.5/2.5,discount=0.999); runs after --strategies, which then defaults to none",
      (spec: string, list: string[]) => [...list, spec],
      [] as string[],
    )
    .option(
      "--pattern <spec>",
      "feed-forward | recursive | parallel | chain | hedged, with options as name:key=value,… (e.g. hedged:delay=p95,cancel=true)",
      "feed-forward",
    )
    .option("--rounds <n>", "queries per repetition", "10000")
    .option("--reps <n>", "repetitions per strategy", "1")
    .option("--seed <n>", "root seed", "42")
    .option("--workers <n>", "worker threads (0 = this thread; default: one per core)")
    .option("--points <n>", "most points per curve", "100")
    .option("--out <file.json>", "write the JSON document here (atomically)")
    .option("--json", "print the JSON document to stdout instead of the table")
    .option("--profile", "profile every run and include the profiler's report per strategy")
    .option(
      "--queue <url>",
      "run on queue workers (routing-lab worker) through Redis, e.g. redis://127.0.0.1:6379",
    )
    .option(
      "--params <file>",
      "tuned Thompson priors for the thompson strategy: tune-priors' priors.json or bandit-params.json",
    )
    .option(
      "--by-type",
      "also print where each strategy routes: the share per backend for each query type (repetition 0)",
    )
    .option(
      "--trace-out <file.csv>",
      "also write the first strategy's repetition 0 as a trace with propensities, for `evaluate` (atomically)",
    )
    .action(async (opts: SimulateOptions, command: Command) => {
      const rounds = parseInteger(opts.rounds, "--rounds", { min: 1 });
      const reps = parseInteger(opts.reps, "--reps", { min: 1 });
      const seed = parseInteger(opts.seed, "--seed");
      const points = parseInteger(opts.points, "--points", { min: 1 });
      const workers =
        opts.workers === undefined
          ? undefined
          : parseInteger(opts.workers, "--workers", { min: 0 });
      const plain =
        opts.strategy.length > 0 && command.getOptionValueSource("strategies") === "default"
          ? []
          : opts.strategies
              .split(",")
              .map((s) => s.trim())
              .filter((s) => s !== "");
      for (const s of plain) {
        if (s.includes(":") && !s.startsWith("always:")) {
          throw new UsageError(
            `--strategies takes plain names, got "${s}"; give a strategy with options as --strategy ${s}`,
          );
        }
      }
      const withOptions = opts.strategy.map((s) => s.trim());
      const strategies = [...plain, ...withOptions];
      if (strategies.length === 0)
        throw new UsageError("--strategies must name at least one strategy");
      const pattern = parsePattern(opts.pattern);
      if (opts.out !== undefined) checkOutputPath(opts.out, { flag: "--out" });
      if (opts.traceOut !== undefined) checkOutputPath(opts.traceOut, { flag: "--trace-out" });
      // A malformed scenario throws ScenarioError (a UsageError): exit 2, nothing written.
      const scenario = loadScenario(opts.scenario);
      let strategyOptions: Record<string, RouterOptions> | undefined;
      if (opts.params !== undefined) {
        if (!strategies.includes("thompson")) {
          throw new UsageError(
            `--params: ${opts.params} holds Thompson priors, but --strategies has no thompson`,
          );
        }
        strategyOptions = { thompson: readTunedParams(opts.params) };
      }
      // Build each strategy once here, so an unknown name fails before any worker starts.
      const compiled = new CompiledScenario(scenario);
      strategies.forEach((s, i) => {
        try {
          createStrategy(
            s,
            { compiled, seed, repetition: 0, rng: routerStream(seed, 0, s) },
            strategyOptions?.[s],
          );
        } catch (err) {
          const flag = strategyOptions?.[s]
            ? `--params ${opts.params}`
            : i < plain.length
              ? "--strategies"
              : "--strategy";
          if (err instanceof UsageError) throw new UsageError(`${flag}: ${err.message}`);
          throw err;
        }
      });
      const queueBar = opts.queue === undefined ? undefined : queueProgressBar("simulate");
      // Loaded only for --queue: BullMQ and ioredis add ≈ 0.5 s to every start-up otherwise.
      const executor =
        opts.queue === undefined
          ? undefined
          : (await import("../../queue/queue-executor.js")).queueExecutor({
              url: opts.queue,
              log: (line) => process.stderr.write(`simulate: ${line}\n`),
              onStatus: (s) => queueBar?.update(s),
            });
      // Run-level checkpoints, with --out (beside it) or --queue (results leave Redis at once).
      const identity = createHash("sha256")
        .update(JSON.stringify([scenario, strategies, strategyOptions, formatPatternSpec(pattern)]))
        .update(JSON.stringify([rounds, reps, seed, points, opts.profile === true]))
        .digest("hex");
      const dir =
        opts.out !== undefined
          ? `${opts.out}.runs`
          : opts.queue !== undefined
            ? join(".cache", "simulate", `${scenario.name}-${identity.slice(0, 12)}`)
            : undefined;
      const store =
        dir === undefined
          ? undefined
          : new RunStore(dir, {
              format: "routing-lab/simulation-runs",
              version: 1,
              scenario: scenario.name,
              identity,
            });
      let done = 0;
      let total = 0;
      const release = store ? onInterrupt(() => ({ saved: done, total })) : () => {};
      const bar = executor ? undefined : progressLine({ label: "simulate", unit: "queries" });
      let result: ExperimentResult;
      let provenance: Awaited<ReturnType<typeof runPlannedExperiment>>["provenance"];
      try {
        ({ result, provenance } = await runPlannedExperiment({
          scenario,
          strategies,
          strategyOptions,
          pattern,
          rounds,
          reps,
          seed,
          points,
          workers,
          profile: opts.profile === true,
          executor,
          store,
          onRuns: (d, t) => {
            if (total === 0 && d > 0) {
              process.stderr.write(`resuming: ${d} of ${t} runs already done\n`);
            }
            done = d;
            total = t;
          },
          onQueries: bar?.update,
        }));
      } finally {
        bar?.stop();
        queueBar?.done();
        release();
      }
      const base = simulationDocument(result, opts.scenario, opts.profile === true);
      const verdict = strategyVerdict(result.strategies);
      // Repetition 0 of each strategy again, counting its decisions per type (same streams).
      const byType =
        opts.byType === true
          ? strategies.map((strategy) => ({
              strategy,
              shares: routingByType({
                scenario,
                strategy,
                pattern,
                rounds,
                seed,
                routerOptions: strategyOptions?.[strategy],
              }),
            }))
          : undefined;
      const doc = {
        ...base,
        ...(opts.params === undefined ? {} : { options: { ...base.options, params: opts.params } }),
        verdict: { ...verdict, legend: SIMULATE_LEGEND },
        ...(byType === undefined ? {} : { byType }),
        // Who ran it: not part of the results, which are the same as a local run's.
        ...(executor ? { queue: queueSummary(provenance) } : {}),
      };
      if (opts.out !== undefined) writeJsonAtomic(opts.out, doc);
      if (opts.traceOut !== undefined) {
        const strategy = strategies[0];
        writeTrace(opts.traceOut, {
          result,
          compiled,
          strategy,
          routerOptions: strategyOptions?.[strategy],
          pattern,
        });
      }
      // The document holds every run now: the checkpoints are no longer needed.
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
      const text = [table(result), verdict.line, SIMULATE_LEGEND];
      if (byType !== undefined) text.push("", ...byTypeTables(byType, scenario));
      process.stdout.write(
        opts.json ? `${JSON.stringify(doc, null, 2)}\n` : `${text.join("\n")}\n`,
      );
    });
}

/**
 * Runs the first strategy's repetition 0 again on this thread with a decision log, checks
 * that it is the run the experiment reported (logging must change nothing), and writes the
 * trace.
 */
function writeTrace(
  path: string,
  run: {
    result: ExperimentResult;
    compiled: CompiledScenario;
    strategy: string;
    routerOptions: RouterOptions | undefined;
    pattern: ReturnType<typeof parsePattern>;
  },
): void {
  const { result, compiled } = run;
  const logged = runLoggedSimulation({
    scenario: compiled,
    strategy: run.strategy,
    routerOptions: run.routerOptions,
    pattern: run.pattern,
    rounds: result.rounds,
    seed: result.seed,
    repetition: 0,
    points: result.points,
  });
  const reported = result.strategies[0].repetitions[0];
  if (JSON.stringify(logged.result.totals) !== JSON.stringify(reported)) {
    throw new Error(`the logged run of ${run.strategy} differs from the experiment's repetition 0`);
  }
  const minRelevance = compiled.scenario.slo.minRelevance;
  writeFileAtomic(path, loggedTraceLines(logged.log, { minRelevance }));
  process.stderr.write(
    `simulate: wrote ${path} (${logged.log.size.toLocaleString("en-US")} rows)\n`,
  );
}

/** The human-readable summary: one row per strategy, means over repetitions. */
function table(result: ExperimentResult): string {
  const pct = (x: number) => (Number.isNaN(x) ? "—" : `${(x * 100).toFixed(1)} %`);
  const ms = (x: number) => (Number.isNaN(x) ? "—" : x < 10 ? x.toFixed(2) : x.toFixed(1));
  const rows = [
    [
      "strategy",
      "success",
      "SLO met",
      "SLO gap",
      "regret",
      "best",
      "p50 ms",
      "p95 ms",
      "p99 ms",
      "calls/q",
    ],
    ...result.strategies.map((s) => {
      const t = s.totals;
      const regret =
        t.regret.mean.toFixed(1) +
        (result.reps > 1 ? ` ±${(t.regret.hi - t.regret.mean).toFixed(1)}` : "");
      return [
        s.strategy,
        pct(t.successRate.mean),
        pct(t.sloAttainment.mean),
        pct(t.sloGap.mean),
        regret,
        pct(t.bestBackendRate.mean),
        ms(t.latency.p50.mean),
        ms(t.latency.p95.mean),
        ms(t.latency.p99.mean),
        t.callsPerQuery.mean.toFixed(2),
      ];
    }),
  ];
  const head = `${result.scenario} · ${result.pattern} · ${result.rounds.toLocaleString("en-US")} queries × ${result.reps} rep(s) · seed ${result.seed}`;
  return [head, textTable(rows, { rule: false })].join("\n");
}

/** Where each strategy routes: one table per strategy, query types × backends, shares in %. */
function byTypeTables(
  rows: { strategy: string; shares: Record<string, Record<string, number>> }[],
  scenario: { backends: Record<string, unknown>; workload: { mix: Record<string, number> } },
): string[] {
  const backends = Object.keys(scenario.backends);
  const out: string[] = [
    "Where each strategy routes (share of each query type's decisions, repetition 0):",
  ];
  for (const { strategy, shares } of rows) {
    const types = [
      ...Object.keys(scenario.workload.mix).filter((t) => t in shares),
      ...Object.keys(shares).filter((t) => !(t in scenario.workload.mix)),
    ];
    out.push(
      "",
      textTable([
        [strategy, ...backends],
        ...types.map((t) => [
          t,
          ...backends.map((b) => {
            const v = shares[t][b] ?? 0;
            return v === 0 ? "·" : `${(v * 100).toFixed(1)} %`;
          }),
        ]),
      ]),
    );
  }
  return out;
}
