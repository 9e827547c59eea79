import { Piscina } from "piscina";
import { moduleEntry } from "../lab/module-entry.js";
import { parsePatternSpec } from "../patterns/spec.js";
import { createStream } from "../random/index.js";
import { CompiledScenario } from "../sim/model/compiled-scenario.js";
import { PatternTable } from "../sim/oracle/pattern-table.js";
import { loadScenario } from "../sim/scenario/load.js";
import { type Spread, spreadOf } from "../stats/spread.js";
import { defineSection } from "./section.js";
import { cachedScenarioPath, defaultScenarioPath } from "./simulation-scenario.js";
import { type SpeedRunTask, type SpeedRunTiming, timeSpeedRun } from "./speed-run.js";

/** Options of {@link measureSimulationSpeed}. */
export interface SimulationSpeedOptions {
  /** Scenario file; default data/scenarios/default.json (five backends). */
  scenario?: string;
  /**
   * Strategies to time, each optionally `@pattern`; default Thompson under feed-forward and
   * under `hedged:delay=p95` (the pattern-aware oracle's Monte Carlo tables included), plus
   * `engine-only` (a constant router) for the engine's own cost.
   */
  strategies?: readonly string[];
  /** Queries per timed run; default 1,000,000. */
  rounds?: number;
  /** Timed runs per strategy (after the warm-up runs); figures are medians. Default 5. */
  runs?: number;
  /**
   * Untimed runs per strategy before the timed ones; default 2. Why two: V8 compiles the
   * engine and the router during the first run for the objects it saw there; the second run's
   * fresh objects (a new Simulation, recorder, router) generalize field types and constness,
   * and V8 throws away ≈ 15 optimized functions mid-run (`node --trace-deopt`: deopts in runs 1
   * and 2, none from run 3), which made the second run ≈ 10 % slower than the ones after it.
   * What the first run costs is reported apart, as the row's `cold` figure.
   */
  warmups?: number;
  /**
   * Run each row on its own worker thread (default true); false runs them all on this thread,
   * sharing the JIT's state (the scaling study does, to time small runs warm).
   */
  isolate?: boolean;
  seed?: number;
  log?: (line: string) => void;
  /**
   * A scenario with a result cache (default data/scenarios/cached.json): adds the row
   * `thompson+cache`, Thompson feed-forward on it, so the cache's cost per query shows beside
   * the plain figure; `null` leaves the row out.
   */
  cachedScenario?: string | null;
}

/** One strategy's measured simulation speed. */
export interface SimulationSpeedRow {
  strategy: string;
  /** Queries per second of CPU time consumed by the process: the per-core figure. */
  cpuQueriesPerSecond: Spread;
  /** Queries per second of wall-clock time (lower when the shared machine preempts us). */
  wallQueriesPerSecond: Spread;
  /**
   * CPU queries per second of the row's first run (in its fresh thread unless `isolate` is
   * false): what one run in a new process gets, the JIT's compiling, its first deopts and the
   * oracle's table build included. Shown beside the target's figure, not judged by it.
   * Absent from results saved before it was measured.
   */
  coldCpuQueriesPerSecond?: number;
  /** CPU ns per simulated query, median. */
  nsPerQuery: number;
  target?: number;
  meetsTarget?: boolean;
  /**
   * CPU ms to build the pattern-aware oracle's tables for this row's pattern (0 under
   * feed-forward: closed form). Included in the row's figures: every timed run is charged one
   * build, as a fresh process running one experiment would pay it.
   */
  oracleTableMs: number;
}

/** What {@link measureSimulationSpeed} returns. */
export interface SimulationSpeedResult {
  scenario: string;
  backends: number;
  rounds: number;
  /** Untimed runs per row before the timed ones (absent from results saved before it was kept). */
  warmups?: number;
  rows: SimulationSpeedRow[];
  /**
   * This machine's speed at the time, for reading the figures elsewhere: the median cost of
   * one sfc32 draw (`RandomStream.next`, ≈ 2 ns on a typical unloaded core), and each row's
   * cost per query in such draws, a machine-independent yardstick.
   */
  machine: { rngDrawNs: number; queryCostInDraws: Record<string, number> };
}

/** The target: simulated queries per second per core, Thompson over five backends. */
export const SIMULATION_SPEED_TARGET = 1_000_000;

/** The row of Thompson (feed-forward) on the scenario with a result cache. */
export const CACHED_ROW = "thompson+cache";

/**
 * Measures simulated queries per second: complete feed-forward runs of the default scenario
 * (Poisson arrivals, five backends), each counting arrival generation, the routing decision,
 * latency and relevance sampling, the event heap, delayed feedback to the router and metric
 * recording (bins, latency sketches, regret). CPU time (`process.cpuUsage`) is the per-core
 * figure, since the machine is shared and wall time includes time spent descheduled; both
 * are reported as medians over several runs.
 *
 * Each row runs on its own worker thread (unless `isolate` is false), as JMH forks a JVM per
 * benchmark: rows that share a thread share the JIT's type feedback, and the engine's call
 * sites, compiled for several routers, patterns and scenarios at once, made whichever row was
 * timed ≈ 10 % slower than the same run alone. One run at a time: the main thread waits, and
 * the rows' runs interleave, so a slow phase of the shared host hits them alike.
 *
 * @param options scenario, strategies, rounds, runs, isolation
 * @returns one row per strategy
 * @example
 * const r = await measureSimulationSpeed({ rounds: 200_000 });
 * console.log(r.rows[0].cpuQueriesPerSecond.median);
 */
export async function measureSimulationSpeed(
  options: SimulationSpeedOptions = {},
): Promise<SimulationSpeedResult> {
  const warmups = options.warmups ?? 2;
  if (!(Number.isInteger(warmups) && warmups >= 1)) {
    throw new RangeError(`warmups must be an integer ≥ 1, got ${warmups}`);
  }
  const path = options.scenario ?? defaultScenarioPath();
  const compiled = new CompiledScenario(loadScenario(path));
  const rounds = options.rounds ?? 1_000_000;
  const runs = options.runs ?? 5;
  const seed = options.seed ?? 42;
  const log = options.log ?? (() => {});
  const names = [
    ...(options.strategies ?? ["thompson", "thompson@hedged:delay=p95", "engine-only"]),
  ];
  const tasks: SpeedRunTask[] = names.map((name) => {
    const [strategy, pattern = "feed-forward"] = name.split("@");
    return { scenario: path, strategy, pattern, rounds, seed, repetition: 0 };
  });
  const cachedPath =
    options.cachedScenario === undefined ? cachedScenarioPath() : options.cachedScenario;
  if (cachedPath !== null) {
    names.push(CACHED_ROW);
    tasks.push({
      scenario: cachedPath,
      strategy: "thompson",
      pattern: "feed-forward",
      rounds,
      seed,
      repetition: 0,
    });
  }
  const patterns = tasks.map((t) => parsePatternSpec(t.pattern));
  const tableMs = patterns.map((pattern) => {
    if (pattern.name === "feed-forward") return 0;
    const c0 = process.cpuUsage();
    new PatternTable(compiled, pattern);
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  });
  const isolate = options.isolate ?? true;
  const pools = isolate ? tasks.map(() => createSpeedPool()) : [];
  const time = (i: number, task: SpeedRunTask): Promise<SpeedRunTiming> | SpeedRunTiming =>
    isolate ? (pools[i].run(task) as Promise<SpeedRunTiming>) : timeSpeedRun(task);
  const cpu: number[][] = names.map(() => []);
  const wall: number[][] = names.map(() => []);
  const cold: number[] = names.map(() => 0);
  try {
    // Untimed runs of each first (see `warmups`), so the JIT has settled.
    for (let r = -warmups; r < runs; r++) {
      for (let i = 0; i < names.length; i++) {
        const timing = await time(i, { ...tasks[i], repetition: Math.max(0, r) });
        // The first run in a thread builds its pattern's tables; later ones find them cached.
        if (r === -warmups) cold[i] = (rounds * 1000) / timing.cpuMs;
        if (r < 0) continue;
        // Charge each timed run one build, as a fresh process running one experiment pays it.
        const cpuMs = timing.cpuMs + tableMs[i];
        cpu[i].push((rounds * 1000) / cpuMs);
        wall[i].push((rounds * 1000) / timing.wallMs);
        log(
          `simulation speed: ${names[i]} run ${r + 1}/${runs}: ${Math.round(cpu[i][r]).toLocaleString("en-US")} queries/s (CPU)`,
        );
      }
    }
  } finally {
    await Promise.all(pools.map((p) => p.destroy()));
  }
  const rows: SimulationSpeedRow[] = names.map((name, i) => {
    const cpuSpread = spreadOf(cpu[i]);
    // The target is the feed-forward run's, where the oracle is in closed form; the hedged row
    // shows what a multi-call pattern and the oracle's tables cost on top.
    const target =
      tasks[i].strategy === "thompson" && patterns[i].name === "feed-forward"
        ? SIMULATION_SPEED_TARGET
        : undefined;
    return {
      strategy: name,
      cpuQueriesPerSecond: cpuSpread,
      wallQueriesPerSecond: spreadOf(wall[i]),
      coldCpuQueriesPerSecond: cold[i],
      nsPerQuery: 1e9 / cpuSpread.median,
      oracleTableMs: tableMs[i],
      ...(target === undefined ? {} : { target, meetsTarget: cpuSpread.median >= target }),
    };
  });
  const rngDrawNs = measureDrawNs();
  const queryCostInDraws: Record<string, number> = {};
  for (const r of rows) queryCostInDraws[r.strategy] = r.nsPerQuery / rngDrawNs;
  return {
    scenario: compiled.scenario.name,
    backends: compiled.backends.length,
    rounds,
    warmups,
    rows,
    machine: { rngDrawNs, queryCostInDraws },
  };
}

/** A one-thread pool for one row of the bench (its own isolate, so its own JIT state). */
function createSpeedPool(): Piscina {
  const { href, execArgv } = moduleEntry(import.meta.url, "./speed-worker");
  return new Piscina({ filename: href, execArgv, minThreads: 1, maxThreads: 1 });
}

/** Median CPU ns of one `RandomStream.next()` over 5 runs of 10⁷ draws. */
function measureDrawNs(): number {
  const rng = createStream(0, "bench", "draw-cost");
  const ns: number[] = [];
  let sink = 0;
  for (let r = 0; r < 6; r++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < 10_000_000; i++) sink += rng.next();
    const c = process.cpuUsage(c0);
    if (r > 0) ns.push(((c.user + c.system) * 1000) / 10_000_000);
  }
  if (sink < 0) throw new Error("unreachable"); // keeps the loop observable to the JIT
  return spreadOf(ns).median;
}

/**
 * Formats a result as text table rows (header first).
 * @param result a measurement
 * @returns rows of cells
 */
export function simulationSpeedTable(result: SimulationSpeedResult): string[][] {
  const fmt = (x: number) => Math.round(x).toLocaleString("en-US");
  const draws = result.machine.queryCostInDraws;
  return [
    [
      "strategy",
      "queries/s per core (CPU, median)",
      "min–max",
      "wall queries/s",
      "first run (cold, CPU)",
      "ns/query",
      "oracle tables (CPU ms, included)",
      `sfc32 draws/query (1 draw = ${result.machine.rngDrawNs.toFixed(1)} ns here)`,
      "target",
    ],
    ...result.rows.map((r) => [
      r.strategy,
      fmt(r.cpuQueriesPerSecond.median),
      `${fmt(r.cpuQueriesPerSecond.min)}–${fmt(r.cpuQueriesPerSecond.max)}`,
      fmt(r.wallQueriesPerSecond.median),
      r.coldCpuQueriesPerSecond === undefined ? "–" : fmt(r.coldCpuQueriesPerSecond),
      r.nsPerQuery.toFixed(0),
      r.oracleTableMs > 0 ? r.oracleTableMs.toFixed(0) : "closed form",
      draws[r.strategy].toFixed(0),
      r.target === undefined ? "" : `${fmt(r.target)} ${r.meetsTarget ? "met" : "NOT met"}`,
    ]),
  ];
}

/** The `simulation-speed` section of `routing-lab bench`. */
export const simulationSpeedSection = defineSection<SimulationSpeedResult>({
  id: "simulationSpeed",
  title:
    "Simulated queries per second (default scenario, five backends; feed-forward, and hedged with the pattern-aware oracle; thompson+cache: cached.json, an LRU result cache; each row on its own worker thread)",
  run: async (context) =>
    measureSimulationSpeed({
      rounds: context.quick ? 200_000 : 1_000_000,
      runs: context.quick ? 3 : 5,
      seed: context.seed,
      log: context.log,
    }),
  table: simulationSpeedTable,
});
