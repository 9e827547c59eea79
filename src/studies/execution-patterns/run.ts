/** Notebook 03, execution patterns: one router under every pattern, and The Tail at Scale. */
import { join } from "node:path";
import { projectRoot } from "../../lab/settings.js";
import { formatPatternSpec, toPatternSpec } from "../../patterns/spec.js";
import { CompiledScenario } from "../../sim/model/compiled-scenario.js";
import { runExperiment } from "../../sim/run/run-experiment.js";
import type { Scenario } from "../../sim/scenario/spec.js";
import { studyScenario } from "../scenario-input.js";
import { PATTERN_CASES, type PatternCase, QUANTILE_GRID } from "./plan.js";
import { type PooledSeries, pooledSeries } from "./pooled-series.js";
import type { ExecutionPatternsResult, PatternSummary } from "./result.js";
import { fanOutCheck, hedgingCheck } from "./tail-at-scale.js";

/** Options of {@link runExecutionPatterns}. */
export interface ExecutionPatternsOptions {
  /** A loaded scenario or its file; default `data/scenarios/default.json`. */
  scenario?: Scenario | string;
  /** The router; default `thompson`. */
  strategy?: string;
  /** Default {@link PATTERN_CASES}. */
  cases?: readonly PatternCase[];
  rounds: number;
  /** Default 4. */
  reps?: number;
  /** Root seed; default 42. Every pattern sees the same traffic. */
  seed?: number;
  /** Worker threads; default the runner's (available cores). Results do not depend on it. */
  workers?: number;
  /** Slow-response threshold of the fan-out check, ms; default the SLO latency. */
  slowThresholdMs?: number;
}

/**
 * Notebook 03's experiment: runs one router under each pattern on the same traffic (same
 * seed), repetitions on worker threads with the profiler on, and pools each pattern's
 * repetitions into one latency sketch. Adds the two Tail at Scale checks: hedging after the
 * p95 costs about 5 % extra calls, and waiting for all of N backends makes a query slow with
 * probability 1 − Π (1 − p_b).
 *
 * @param options scenario, router, patterns, rounds, repetitions, seed
 * @returns the JSON-ready result
 * @throws {ScenarioError} for a missing or malformed scenario file
 * @throws {RangeError} for a bad pattern, duplicate case ids or bad counts
 * @example const r = await runExecutionPatterns({ rounds: 10_000, reps: 2, seed: 42 });
 *   r.patterns["hedged-p95"].p99
 */
export async function runExecutionPatterns(
  options: ExecutionPatternsOptions,
): Promise<ExecutionPatternsResult> {
  const started = performance.now();
  const strategy = options.strategy ?? "thompson";
  const cases = [...(options.cases ?? PATTERN_CASES)];
  const reps = options.reps ?? 4;
  const seed = options.seed ?? 42;
  const ids = new Set(cases.map((c) => c.id));
  if (ids.size !== cases.length) throw new RangeError("pattern case ids must be unique");
  const { scenario, source } = studyScenario(
    options.scenario ?? join(projectRoot, "data/scenarios/default.json"),
  );
  const threshold = options.slowThresholdMs ?? scenario.slo.latencyMs;

  const patterns: Record<string, PatternSummary> = {};
  const quantiles: Record<string, number[]> = {};
  const profilers = new Map<string, PooledSeries>();
  for (const c of cases) {
    const spec = toPatternSpec(c.pattern);
    const experiment = await runExperiment({
      scenario,
      strategies: [strategy],
      pattern: spec,
      rounds: options.rounds,
      reps,
      seed,
      workers: options.workers,
      // Sketches of every query and call: pooled quantiles, relevance, per-backend tails.
      profile: true,
      keepRuns: true,
    });
    const s = experiment.strategies[0];
    const pooled = pooledSeries(s.runs ?? []);
    profilers.set(c.id, pooled);
    const q = pooled.queries.summary();
    patterns[c.id] = {
      label: c.label,
      pattern: formatPatternSpec(spec),
      mean: q.mean,
      p50: q.p50,
      p90: q.p90,
      p95: q.p95,
      p99: q.p99,
      p999: q.p999,
      meanRelevance: q.meanRelevance,
      successRate: s.totals.successRate.mean,
      sloAttainment: s.totals.sloAttainment.mean,
      callsPerQuery: s.totals.callsPerQuery.mean,
      cancelledPerQuery: s.totals.cancelledPerQuery.mean,
      wallMs: s.wallMs,
    };
    const sketch = pooled.queries.sketch;
    quantiles[c.id] = QUANTILE_GRID.map((p) => sig(sketch.quantile(p)));
  }

  const queries = options.rounds * reps;
  return {
    format: "routing-lab/execution-patterns",
    version: 1,
    scenario: { name: scenario.name, source },
    strategy,
    rounds: options.rounds,
    reps,
    seed,
    slo: { latencyMs: scenario.slo.latencyMs, minRelevance: scenario.slo.minRelevance },
    order: cases.map((c) => c.id),
    patterns,
    tailAtScale: {
      hedging: hedgingCheck(cases, patterns, queries),
      fanOut: fanOutCheck({
        patterns,
        profilers,
        compiled: new CompiledScenario(scenario),
        thresholdMs: threshold,
        queries,
      }),
    },
    quantiles: { q: [...QUANTILE_GRID], ms: quantiles },
    wallMs: performance.now() - started,
  };
}

/** Four significant digits keep the curves small in JSON and exact enough for a figure. */
function sig(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(4)) : x;
}
