import type { PatternInput } from "../patterns/spec.js";
import { RecordingRouter } from "../routing/recording-router.js";
import { createRouter } from "../routing/registry.js";
import type { Router } from "../routing/types.js";
import { runSimulation } from "../sim/run/run-simulation.js";
import { resolveScenario } from "../sim/scenario/resolve.js";
import type { Scenario } from "../sim/scenario/spec.js";
import type { StrategyContext, StrategyFactory } from "../sim/strategy/create-strategy.js";
import type { TraceRow } from "../traces/trace-row.js";

/** Options for {@link simulateTrace}. */
export interface SimulateTraceOptions {
  /** A loaded scenario or its file. */
  scenario: Scenario | string;
  /** Queries to simulate. */
  rounds: number;
  /** Root seed (default 42). */
  seed?: number;
  /**
   * The routing strategy (a registry name, default `random`: uniform over available backends,
   * so every backend gets about the same number of requests, like a uniform logging policy),
   * or a factory (e.g. a trace's routing mix).
   */
  strategy?: string | StrategyFactory;
  /** Execution pattern (default feed-forward). */
  pattern?: PatternInput;
}

/**
 * Runs the simulator and records every completed backend request as a trace row, as a
 * production logger would: backend, latency, completion time, query type, relevance,
 * success (by the scenario's SLO) and status (`ok`, `error` or `timeout`). Use it to check a calibration end to end (fit the trace,
 * compare with the scenario) or to compare a fitted scenario's percentiles with a real trace.
 *
 * Failed and timed-out requests show as relevance 0 with their status; a timed-out one's
 * latency is the backend's `timeoutMs`.
 *
 * @param options scenario, rounds, seed, strategy, pattern
 * @returns one row per completed request, in completion order
 * @throws {RangeError} for bad rounds or pattern (from the simulator)
 * @example const rows = simulateTrace({ scenario: loadScenario("data/scenarios/default.json"), rounds: 10_000 });
 */
export function simulateTrace(options: SimulateTraceOptions): TraceRow[] {
  const rows: TraceRow[] = [];
  const strategy = options.strategy ?? "random";
  const name = typeof strategy === "string" ? strategy : strategy.name || "custom";
  const factory = (context: StrategyContext): Router => {
    const inner =
      typeof strategy === "function"
        ? strategy(context)
        : createRouter(strategy, {
            rng: context.rng,
            backends: context.compiled.backends,
            queryTypes: context.compiled.types,
          });
    return new RecordingRouter(inner, rows);
  };
  runSimulation({
    scenario: resolveScenario(options.scenario),
    strategy: factory,
    // The registry name, so the recording wrapper draws what the plain strategy would.
    streamName: name,
    pattern: options.pattern,
    rounds: options.rounds,
    seed: options.seed,
  });
  return rows;
}
