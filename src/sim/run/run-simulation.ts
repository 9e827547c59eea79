import { formatPatternSpec, type PatternInput, toPatternSpec } from "../../patterns/spec.js";
import { RoutingProfiler, type RoutingProfilerJSON } from "../../profiling/routing-profiler.js";
import type { RouterOptions } from "../../routing/registry.js";
import type { Router, RouterStats } from "../../routing/types.js";
import type { SimulationObserver } from "../engine/observer.js";
import { Simulation } from "../engine/simulation.js";
import type { RunCurves, RunTotals } from "../metrics/types.js";
import { CompiledScenario } from "../model/compiled-scenario.js";
import type { Scenario } from "../scenario/spec.js";
import {
  createStrategy,
  routerStream,
  type StrategyInput,
  strategyName,
} from "../strategy/create-strategy.js";

/** Options of {@link runSimulation}: one strategy, one repetition. */
export interface SimulationOptions {
  /** A validated scenario (see `loadScenario`), or one already compiled. */
  scenario: Scenario | CompiledScenario;
  /** `oracle`, a routing registry name (`thompson`, `ucb1`, `always:qdrant`, …) or a factory. */
  strategy: StrategyInput;
  /** Default `feed-forward`; a name, a compact string (`hedged:delay=p95`) or a spec. */
  pattern?: PatternInput;
  /** Number of queries. */
  rounds: number;
  /** Root seed; default 42. */
  seed?: number;
  /** Repetition index; default 0. Streams derive from (seed, repetition, purpose). */
  repetition?: number;
  /** Most curve points; default 100. */
  points?: number;
  /** Extra options for registry strategies, e.g. `{ coldStart: 20 }` (JSON-able for workers). */
  routerOptions?: RouterOptions;
  /**
   * Names the router's random stream, `createStream(seed, repetition, "router", streamName)`;
   * default the strategy's name. A factory that wraps a registry router passes that router's
   * name (e.g. `thompson`), so its runs draw exactly what the plain strategy's runs draw.
   */
  streamName?: string;
  /** Also profile every request and query with a RoutingProfiler (slower). */
  profile?: boolean;
  /** Called with the number of queries arrived so far (every 16,384 and at the end). */
  onProgress?: (arrived: number) => void;
  /**
   * Builds an observer of the run's decisions and requests from its router (in-process runs
   * only), e.g. a trace log; the results do not depend on it.
   */
  observe?: (run: { router: Router; compiled: CompiledScenario }) => SimulationObserver;
}

/** The result of one run. Everything but `wallMs` and the profile's wall timings is a pure function of the options. */
export interface SimulationResult {
  scenario: string;
  strategy: string;
  /** The pattern in compact form, e.g. `hedged:delay=p95`. */
  pattern: string;
  rounds: number;
  seed: number;
  repetition: number;
  totals: RunTotals;
  curves: RunCurves;
  /** The router's own statistics at the end of the run. */
  router: RouterStats;
  /** Wall-clock time of the run, ms (not reproducible). */
  wallMs: number;
  /** The profiler's serialised state when `profile` was set; merge with RoutingProfiler.fromJSON. */
  profile?: RoutingProfilerJSON;
}

/**
 * Runs one strategy for one repetition of a scenario, in virtual time, on this thread.
 *
 * @param options scenario, strategy, pattern, rounds, seed, repetition
 * @returns totals, curves and router statistics
 * @throws {RangeError} for a bad pattern or rounds; the registry's error for an unknown strategy
 * @example
 * const r = runSimulation({ scenario: loadScenario("data/scenarios/default.json"),
 *   strategy: "thompson", rounds: 100_000, seed: 42 });
 * console.log(r.totals.regret, r.totals.latency.p99);
 */
export function runSimulation(options: SimulationOptions): SimulationResult {
  const compiled =
    options.scenario instanceof CompiledScenario
      ? options.scenario
      : new CompiledScenario(options.scenario);
  const seed = options.seed ?? 42;
  const repetition = options.repetition ?? 0;
  const pattern = toPatternSpec(options.pattern ?? "feed-forward");
  const name = strategyName(options.strategy);
  const router = createStrategy(
    options.strategy,
    {
      compiled,
      seed,
      repetition,
      rng: routerStream(seed, repetition, options.streamName ?? name),
      pattern,
    },
    options.routerOptions,
  );
  const profiler = options.profile ? new RoutingProfiler() : undefined;
  const started = performance.now();
  const sim = new Simulation({
    compiled,
    router,
    pattern,
    rounds: options.rounds,
    seed,
    repetition,
    points: options.points,
    profiler,
    onProgress: options.onProgress,
    observer: options.observe?.({ router, compiled }),
  });
  const metrics = sim.run();
  return {
    scenario: compiled.scenario.name,
    strategy: name,
    pattern: formatPatternSpec(pattern),
    rounds: options.rounds,
    seed,
    repetition,
    totals: metrics.totals,
    curves: metrics.curves,
    router: router.stats(),
    wallMs: performance.now() - started,
    ...(profiler ? { profile: profiler.toJSON() } : {}),
  };
}
