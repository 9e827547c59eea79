import { OutcomeTally } from "../profiling/outcome-table.js";
import type { ProfileSource } from "../profiling/profile-analysis.js";
import { RoutingProfiler } from "../profiling/routing-profiler.js";
import type { Outcome, Query, Router, RoutingContext } from "../routing/types.js";
import type { SimulationResult } from "../sim/run/run-simulation.js";
import { createStrategy, strategyName } from "../sim/strategy/create-strategy.js";
import { basePatternLabel, simulateRun, strategyOf, type WhatIfBase } from "./what-if.js";

/** A simulation run with profiling on. */
export interface ProfiledSimulation {
  profiler: RoutingProfiler;
  result: SimulationResult;
  source: ProfileSource;
  /** Success and relevance per backend and per backend × query type (calls that completed). */
  outcomes: OutcomeTally;
}

/**
 * Runs one simulation with the profiler on and returns it ready to analyse: the profile of
 * every backend request, query, pattern and routing decision (routing decisions are timed on
 * the wall clock; everything else is in virtual time), and a tally of every completed call's
 * relevance per backend × query type (the type the router saw).
 *
 * @param run scenario, strategy, pattern, rounds, seed, router options
 * @returns the profiler, the run's result, the outcome tally and a source line for reports
 * @throws what `runSimulation` throws (bad pattern, unknown strategy)
 * @example const { profiler } = profileSimulation({ scenario, strategy: "thompson", rounds: 20_000 });
 */
export function profileSimulation(run: WhatIfBase): ProfiledSimulation {
  const tally = new OutcomeTally(run.scenario.slo.minRelevance);
  const inner = strategyOf(run);
  const factory = (context: Parameters<typeof createStrategy>[1]) =>
    new TallyingRouter(createStrategy(inner, context, run.routerOptions), tally);
  // The same name keeps the router's random stream, so this run is repetition 0 of the paired
  // runs verification compares.
  Object.defineProperty(factory, "name", { value: strategyName(inner) });
  const result = simulateRun({ ...run, strategy: factory, exclude: undefined }, true);
  const profiler = RoutingProfiler.fromJSON(result.profile!);
  return {
    profiler,
    result,
    outcomes: tally,
    source: {
      label: `simulation ${result.scenario} × ${result.strategy} (${basePatternLabel(run)}, seed ${result.seed})`,
      rows: result.totals.queries,
      unit: "queries",
      skipped: 0,
      issues: [],
      ignoredColumns: [],
      elapsedMs: result.wallMs,
    },
  };
}

/** Passes everything through to a router and tallies each outcome it learns from. */
class TallyingRouter implements Router {
  readonly name: string;

  constructor(
    private readonly inner: Router,
    private readonly tally: OutcomeTally,
  ) {
    this.name = inner.name;
  }

  get seesTrueType(): boolean {
    return (this.inner as { seesTrueType?: boolean }).seesTrueType === true;
  }

  select(query: Query, context: RoutingContext) {
    return this.inner.select(query, context);
  }

  record(outcome: Outcome): void {
    const backend = outcome.backend ?? outcome.decision.backend;
    // A failed call reaches routers as relevance 0, so it never counts as relevant.
    this.tally.add(backend, outcome.decision.queryType, "ok", outcome.relevance);
    this.inner.record(outcome);
  }

  onDispatch(backend: string, now: number): void {
    this.inner.onDispatch?.(backend, now);
  }

  onCancel(backend: string, now: number): void {
    this.inner.onCancel?.(backend, now);
  }

  stats() {
    return this.inner.stats();
  }
}
