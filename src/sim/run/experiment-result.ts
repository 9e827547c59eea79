import { RoutingProfiler } from "../../profiling/routing-profiler.js";
import { aggregateCurves, aggregateTotals } from "../metrics/aggregate.js";
import type { ExperimentResult, StrategyResult } from "./run-experiment.js";
import type { SimulationResult } from "./run-simulation.js";

/** What {@link experimentResult} needs besides the runs. */
export interface ExperimentShape {
  scenario: string;
  /** Backends the scenario has (a merged profile reports each, even unused ones). */
  backends: readonly string[];
  /** Strategy names, in the order they were given. */
  strategies: readonly string[];
  /** The pattern in compact form. */
  pattern: string;
  rounds: number;
  reps: number;
  seed: number;
  points: number;
  workers: number;
  profile: boolean;
  keepRuns?: boolean;
  wallMs: number;
}

/**
 * Aggregates finished runs into an experiment's result: per strategy, means and 95 % bands
 * over repetitions, in repetition order. Shared by `runExperiment` and the checkpointed or
 * queued `simulate`, so that runs from a checkpoint folder or a queue give the same document
 * as runs computed in memory.
 *
 * @param shape the experiment's options
 * @param runs every run, strategy-major: run `s * reps + r` is strategy s, repetition r
 * @returns the result
 */
export function experimentResult(
  shape: ExperimentShape,
  runs: readonly SimulationResult[],
): ExperimentResult {
  const { reps } = shape;
  const strategies = shape.strategies.map((name, s) => {
    const mine = runs.slice(s * reps, (s + 1) * reps);
    const out: StrategyResult = {
      strategy: name,
      totals: aggregateTotals(mine.map((r) => r.totals)),
      curves: aggregateCurves(mine.map((r) => r.curves)),
      repetitions: mine.map((r) => r.totals),
      wallMs: mine.reduce((a, r) => a + r.wallMs, 0),
    };
    if (shape.keepRuns) out.runs = mine;
    if (shape.profile) {
      const merged = new RoutingProfiler();
      for (const r of mine) if (r.profile) merged.merge(RoutingProfiler.fromJSON(r.profile));
      out.profile = merged.report({ expectedBackends: [...shape.backends] });
    }
    return out;
  });
  return {
    scenario: shape.scenario,
    pattern: shape.pattern,
    rounds: shape.rounds,
    reps,
    seed: shape.seed,
    points: shape.points,
    workers: shape.workers,
    strategies,
    wallMs: shape.wallMs,
  };
}
