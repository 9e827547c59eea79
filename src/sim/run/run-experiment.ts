import { availableParallelism } from "node:os";
import { MessageChannel } from "node:worker_threads";
import type { Piscina } from "piscina";
import { formatPatternSpec, type PatternInput, toPatternSpec } from "../../patterns/spec.js";
import type { ProfileReport } from "../../profiling/profile-report.js";
import type { RouterOptions } from "../../routing/registry.js";
import type { AggregateCurves, AggregateTotals } from "../metrics/aggregate.js";
import type { RunTotals } from "../metrics/types.js";
import { CompiledScenario } from "../model/compiled-scenario.js";
import type { Scenario } from "../scenario/spec.js";
import {
  checkStrategyBackends,
  type StrategyInput,
  strategyName,
} from "../strategy/create-strategy.js";
import { experimentResult } from "./experiment-result.js";
import { createSimulationPool, runPoolTask } from "./pool.js";
import { runSimulation, type SimulationResult } from "./run-simulation.js";
import type { SimulationTask } from "./task.js";

/** Options of {@link runExperiment}: several strategies, several repetitions. */
export interface ExperimentOptions {
  /** A validated scenario (plain JSON: it is sent to worker threads). */
  scenario: Scenario;
  /** Strategy names (`oracle`, `thompson`, …); factories only with `workers: 0`. */
  strategies: readonly StrategyInput[];
  /** Default `feed-forward`. */
  pattern?: PatternInput;
  /** Queries per repetition. */
  rounds: number;
  /** Repetitions per strategy; default 1. */
  reps?: number;
  /** Root seed; default 42. */
  seed?: number;
  /** Most curve points; default 100. */
  points?: number;
  /**
   * Worker threads; default min(available cores, tasks). 0 runs everything on this thread.
   * Results do not depend on it: each repetition's streams derive from (seed, repetition).
   */
  workers?: number;
  /** Extra options for registry strategies (must be structured-clonable for workers). */
  routerOptions?: RouterOptions;
  /** Profile every run and report the merged profile per strategy. */
  profile?: boolean;
  /** Called as queries complete with (queries done, queries in total). */
  onProgress?: (done: number, total: number) => void;
  /** Also return every repetition's full result (curves and router statistics included). */
  keepRuns?: boolean;
  /**
   * A pool from `createSimulationPool` to run on instead of a new one (whose thread count
   * then sets `workers`); the caller destroys it. Reusing one skips thread start-up, which
   * costs as much as a short experiment.
   */
  pool?: Piscina;
}

/** One strategy's results over all repetitions. */
export interface StrategyResult {
  strategy: string;
  /** Means and 95 % bands over repetitions. */
  totals: AggregateTotals;
  curves: AggregateCurves;
  /** Each repetition's totals, in repetition order. */
  repetitions: RunTotals[];
  /** The merged profile of all repetitions, when profiling was requested. */
  profile?: ProfileReport;
  /** Every repetition's full result, in repetition order, with `keepRuns`. */
  runs?: SimulationResult[];
  /** Sum of the runs' wall-clock time, ms (not reproducible). */
  wallMs: number;
}

/** The result of {@link runExperiment}. */
export interface ExperimentResult {
  scenario: string;
  pattern: string;
  rounds: number;
  reps: number;
  seed: number;
  points: number;
  /** Worker threads used (0 = this thread). */
  workers: number;
  strategies: StrategyResult[];
  /** Wall-clock time of the whole experiment, ms (not reproducible). */
  wallMs: number;
}

/**
 * Runs every strategy for `reps` repetitions, on worker threads (piscina) or on this thread,
 * and aggregates each strategy's repetitions into means with 95 % bands. Repetition r of
 * every strategy sees the same workload (same arrivals and queries), so differences between
 * strategies are not noise in the traffic. The result is identical for any `workers` value.
 *
 * @param options scenario, strategies, pattern, rounds, reps, seed, workers
 * @returns per-strategy aggregates and per-repetition totals
 * @throws {RangeError} for bad counts, a bad pattern, or factories with workers > 0
 * @throws {RoutingInputError} for an unknown strategy, or `always:<backend>` with a backend
 *   not in the scenario (a UsageError, as errors of the routers' input)
 * @throws {ScenarioError} naming the scenario's file and field for a draw a run cannot use
 *   (also when it happens on a worker thread: user errors keep their class across threads)
 * @example
 * const result = await runExperiment({ scenario: loadScenario("data/scenarios/bernoulli.json"),
 *   strategies: ["thompson", "ucb1", "oracle"], rounds: 10_000, reps: 20, seed: 42 });
 */
export async function runExperiment(options: ExperimentOptions): Promise<ExperimentResult> {
  const reps = options.reps ?? 1;
  const seed = options.seed ?? 42;
  const points = options.points ?? 100;
  const pattern = toPatternSpec(options.pattern ?? "feed-forward");
  if (!(Number.isInteger(reps) && reps >= 1))
    throw new RangeError(`reps must be an integer ≥ 1, got ${reps}`);
  if (!(Number.isInteger(options.rounds) && options.rounds >= 1)) {
    throw new RangeError(`rounds must be an integer ≥ 1, got ${options.rounds}`);
  }
  if (options.strategies.length === 0) throw new RangeError("strategies must not be empty");
  // Before any thread starts, as the rounds and reps above.
  const backendIds = Object.keys(options.scenario.backends);
  for (const s of options.strategies) {
    if (typeof s === "string") checkStrategyBackends(s, backendIds);
  }
  const tasks = options.strategies.length * reps;
  const workers = options.pool
    ? options.pool.options.maxThreads
    : Math.min(options.workers ?? availableParallelism(), tasks);
  if (!(Number.isInteger(workers) && workers >= 0)) {
    throw new RangeError(`workers must be an integer ≥ 0, got ${options.workers}`);
  }
  if (workers > 0 && options.strategies.some((s) => typeof s !== "string")) {
    throw new RangeError("strategy factories cannot be sent to worker threads: use workers: 0");
  }
  const total = tasks * options.rounds;
  let done = 0;
  const progress = (n: number) => {
    done += n;
    options.onProgress?.(done, total);
  };
  const started = performance.now();
  const results: SimulationResult[] = new Array(tasks);
  // What every repetition shares, in process or on a worker.
  const common = {
    pattern,
    rounds: options.rounds,
    seed,
    points,
    routerOptions: options.routerOptions,
    profile: options.profile ?? false,
  };
  if (workers === 0) {
    const compiled = new CompiledScenario(options.scenario);
    options.strategies.forEach((strategy, s) => {
      for (let r = 0; r < reps; r++) {
        let last = 0;
        results[s * reps + r] = runSimulation({
          ...common,
          scenario: compiled,
          strategy,
          repetition: r,
          onProgress: (arrived) => {
            progress(arrived - last);
            last = arrived;
          },
        });
      }
    });
  } else {
    const pool = options.pool ?? createSimulationPool(workers);
    try {
      await Promise.all(
        options.strategies.flatMap((strategy, s) =>
          Array.from({ length: reps }, async (_, r) => {
            const channel = new MessageChannel();
            channel.port1.on("message", (n: number) => progress(n));
            const task: SimulationTask = {
              ...common,
              scenario: options.scenario,
              strategy: strategy as string,
              repetition: r,
              progress: channel.port2,
            };
            try {
              results[s * reps + r] = await runPoolTask(pool, task, [channel.port2]);
            } finally {
              channel.port1.close();
            }
          }),
        ),
      );
    } finally {
      if (!options.pool) await pool.destroy();
    }
    // A task's last progress message may still be in flight when its result arrives (they
    // travel on different channels, and the port is closed on completion): settle the count.
    if (done !== total) progress(total - done);
  }
  return experimentResult(
    {
      scenario: options.scenario.name,
      backends: Object.keys(options.scenario.backends),
      strategies: options.strategies.map(strategyName),
      pattern: formatPatternSpec(pattern),
      rounds: options.rounds,
      reps,
      seed,
      points,
      workers,
      profile: options.profile ?? false,
      keepRuns: options.keepRuns,
      wallMs: performance.now() - started,
    },
    results,
  );
}
