import type { Command } from "commander";
import { writeFileAtomic, writeJsonAtomic } from "../../io/atomic-write.js";
import { CompiledScenario } from "../../sim/model/compiled-scenario.js";
import { simulationDocument } from "../../sim/run/document.js";
import { type ExperimentResult, runExperiment } from "../../sim/run/run-experiment.js";
import { loadScenario } from "../../sim/scenario/load.js";
import { createStrategy, routerStream } from "../../sim/strategy/create-strategy.js";
import { loggedTraceLines } from "../../sim/trace-log/format-logged-trace.js";
import { runLoggedSimulation } from "../../sim/trace-log/run-logged-simulation.js";
import { checkOutputPath } from "../check-output-path.js";
import { UsageError } from "../errors.js";
import { parseInteger, parsePattern } from "../parse.js";

interface SimulateOptions {
  scenario: string;
  strategies: string;
  pattern: string;
  rounds: string;
  reps: string;
  seed: string;
  workers?: string;
  points: string;
  out?: string;
  json?: boolean;
  profile?: boolean;
  traceOut?: string;
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
      "comma-separated: oracle, thompson, ucb1, epsilon-greedy, rule-based, random, round-robin, least-outstanding, peak-ewma, always:<backend>",
      "thompson,oracle",
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
      "--trace-out <file.csv>",
      "also write the first strategy's repetition 0 as a trace with propensities, for `evaluate` (atomically)",
    )
    .action(async (opts: SimulateOptions) => {
      const rounds = parseInteger(opts.rounds, "--rounds", { min: 1 });
      const reps = parseInteger(opts.reps, "--reps", { min: 1 });
      const seed = parseInteger(opts.seed, "--seed");
      const points = parseInteger(opts.points, "--points", { min: 1 });
      const workers =
        opts.workers === undefined
          ? undefined
          : parseInteger(opts.workers, "--workers", { min: 0 });
      const strategies = opts.strategies
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
      if (strategies.length === 0)
        throw new UsageError("--strategies must name at least one strategy");
      const pattern = parsePattern(opts.pattern);
      if (opts.out !== undefined) checkOutputPath(opts.out, { flag: "--out" });
      if (opts.traceOut !== undefined) checkOutputPath(opts.traceOut, { flag: "--trace-out" });
      // A malformed scenario throws ScenarioError (a UsageError): exit 2, nothing written.
      const scenario = loadScenario(opts.scenario);
      // Build each strategy once here, so an unknown name fails before any worker starts.
      const compiled = new CompiledScenario(scenario);
      for (const s of strategies) {
        try {
          createStrategy(s, { compiled, seed, repetition: 0, rng: routerStream(seed, 0, s) });
        } catch (err) {
          if (err instanceof UsageError) throw new UsageError(`--strategies: ${err.message}`);
          throw err;
        }
      }
      const bar = process.stderr.isTTY ? progressBar() : undefined;
      let result: ExperimentResult;
      try {
        result = await runExperiment({
          scenario,
          strategies,
          pattern,
          rounds,
          reps,
          seed,
          points,
          workers,
          profile: opts.profile === true,
          onProgress: bar?.update,
        });
      } finally {
        bar?.done();
      }
      const doc = simulationDocument(result, opts.scenario, opts.profile === true);
      if (opts.out !== undefined) writeJsonAtomic(opts.out, doc);
      if (opts.traceOut !== undefined) {
        writeTrace(opts.traceOut, { result, compiled, strategy: strategies[0], pattern });
      }
      process.stdout.write(opts.json ? `${JSON.stringify(doc, null, 2)}\n` : `${table(result)}\n`);
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
    pattern: ReturnType<typeof parsePattern>;
  },
): void {
  const { result, compiled } = run;
  const logged = runLoggedSimulation({
    scenario: compiled,
    strategy: run.strategy,
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

/** A one-line progress bar on stderr, redrawn at most ten times a second. */
function progressBar(): { update: (done: number, total: number) => void; done: () => void } {
  const started = performance.now();
  let last = 0;
  const draw = (done: number, total: number) => {
    const width = 30;
    const f = total > 0 ? done / total : 1;
    const filled = Math.round(f * width);
    const secs = (performance.now() - started) / 1000;
    process.stderr.write(
      `\rsimulate [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${(f * 100).toFixed(0).padStart(3)}% ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} queries ${secs.toFixed(1)} s`,
    );
  };
  let latest: [number, number] = [0, 0];
  return {
    update(done, total) {
      latest = [done, total];
      const now = performance.now();
      if (now - last >= 100) {
        last = now;
        draw(done, total);
      }
    },
    done() {
      draw(latest[0], latest[1]);
      process.stderr.write("\n");
    },
  };
}

/** The human-readable summary: one row per strategy, means over repetitions. */
function table(result: ExperimentResult): string {
  const pct = (x: number) => (Number.isNaN(x) ? "—" : `${(x * 100).toFixed(1)} %`);
  const ms = (x: number) => (Number.isNaN(x) ? "—" : x < 10 ? x.toFixed(2) : x.toFixed(1));
  const rows = [
    ["strategy", "success", "SLO met", "regret", "best", "p50 ms", "p95 ms", "p99 ms", "calls/q"],
    ...result.strategies.map((s) => {
      const t = s.totals;
      const regret =
        t.regret.mean.toFixed(1) +
        (result.reps > 1 ? ` ±${(t.regret.hi - t.regret.mean).toFixed(1)}` : "");
      return [
        s.strategy,
        pct(t.successRate.mean),
        pct(t.sloAttainment.mean),
        regret,
        pct(t.bestBackendRate.mean),
        ms(t.latency.p50.mean),
        ms(t.latency.p95.mean),
        ms(t.latency.p99.mean),
        t.callsPerQuery.mean.toFixed(2),
      ];
    }),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
  const head = `${result.scenario} · ${result.pattern} · ${result.rounds.toLocaleString("en-US")} queries × ${result.reps} rep(s) · seed ${result.seed}`;
  return [head, line(rows[0]), ...rows.slice(1).map(line)].join("\n");
}
