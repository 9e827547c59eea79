import { formatPatternSpec, toPatternSpec } from "../patterns/spec.js";
import type { ProfileSource } from "../profiling/profile-analysis.js";
import { RoutingProfiler } from "../profiling/routing-profiler.js";
import type { SimulationResult } from "../sim/run/run-simulation.js";
import { simulateRun, type WhatIfBase } from "./what-if.js";

/** A simulation run with profiling on. */
export interface ProfiledSimulation {
  profiler: RoutingProfiler;
  result: SimulationResult;
  source: ProfileSource;
}

/**
 * Runs one simulation with the profiler on and returns it ready to analyse: the profile of
 * every backend request, query, pattern and routing decision (routing decisions are timed on
 * the wall clock; everything else is in virtual time).
 *
 * @param run scenario, strategy, pattern, rounds, seed, router options
 * @returns the profiler, the run's result and a source line for reports
 * @throws what `runSimulation` throws (bad pattern, unknown strategy)
 * @example const { profiler } = profileSimulation({ scenario, strategy: "thompson", rounds: 20_000 });
 */
export function profileSimulation(run: WhatIfBase): ProfiledSimulation {
  const result = simulateRun(run, true);
  const profiler = RoutingProfiler.fromJSON(result.profile!);
  const pattern = formatPatternSpec(toPatternSpec(run.pattern ?? "feed-forward"));
  return {
    profiler,
    result,
    source: {
      label: `simulation ${result.scenario} × ${result.strategy} (${pattern}, seed ${result.seed})`,
      rows: result.totals.queries,
      unit: "queries",
      skipped: 0,
      issues: [],
      ignoredColumns: [],
      elapsedMs: result.wallMs,
    },
  };
}
