import { formatMs, formatPercent, formatRatio } from "../format/number.js";
import { formatPatternSpec, type PatternInput, toPatternSpec } from "../patterns/spec.js";
import type { Recommendation, RecommendationAction } from "../profiling/recommend.js";
import { LEARNING_STRATEGIES } from "../profiling/recommend.js";
import type { WhatIfClaim, WhatIfMetrics, WhatIfOutcome } from "../profiling/what-if-types.js";
import type { RouterOptions } from "../routing/registry.js";
import { TypeExcludingRouter } from "../routing/type-excluding-router.js";
import type { BackendId, QueryType } from "../routing/types.js";
import { runSimulation, type SimulationResult } from "../sim/run/run-simulation.js";
import type { Scenario } from "../sim/scenario/spec.js";
import {
  createStrategy,
  type StrategyInput,
  strategyName,
} from "../sim/strategy/create-strategy.js";

/** The run a what-if starts from: the same scenario, strategy, pattern, seed and rounds. */
export interface WhatIfBase {
  scenario: Scenario;
  /**
   * A strategy name `runSimulation` accepts (`thompson`, `rule-based`, `oracle`, …), or a
   * factory (a trace's routing mix replayed by a `FixedShareRouter`).
   */
  strategy: StrategyInput;
  /** Default `feed-forward`. */
  pattern?: PatternInput;
  rounds: number;
  /** Default 42. Before and after share it: common random numbers make the difference sharp. */
  seed?: number;
  routerOptions?: RouterOptions;
  /** Backends hidden from the router per query type (traffic of that type moved off them). */
  exclude?: Readonly<Record<QueryType, readonly BackendId[]>>;
}

/** Options for {@link whatIf}. */
export interface WhatIfOptions extends WhatIfBase {
  /** The change to try. */
  action: RecommendationAction;
  /** The metric it should improve; default from the action (see {@link claimOf}). */
  claim?: WhatIfClaim;
  /** The recommendation's id, for the outcome; default the action's kind. */
  recommendationId?: string;
  /** Metrics of the unchanged run, when already simulated (saves a run). */
  before?: WhatIfMetrics;
}

/**
 * The metrics a what-if compares, from a simulation result.
 *
 * @param r a `runSimulation` result
 * @returns latency percentiles, failed-request rate, calls per query, SLO attainment and load
 */
export function whatIfMetrics(r: SimulationResult): WhatIfMetrics {
  const t = r.totals;
  const shares = Object.values(t.trafficShare);
  const peak = shares.length === 0 ? Number.NaN : Math.max(...shares) * shares.length;
  return {
    queries: t.queries,
    mean: t.latency.mean,
    p50: t.latency.p50,
    p95: t.latency.p95,
    p99: t.latency.p99,
    p999: t.latency.p999,
    errorRate: t.requestFailureRate,
    callsPerQuery: t.callsPerQuery,
    cacheHitRate: t.cache === undefined ? Number.NaN : t.cacheHitRate,
    // A stale cached answer meets the SLO only because the cache kept an answer its backend
    // no longer gives: advice is judged without that credit (no cache: nothing changes).
    sloAttainment: t.sloAttainment - t.staleMetRate,
    successRate: t.successRate,
    peakToFair: peak,
  };
}

/**
 * The metric a recommendation claims to improve: latency p99 for hedging and for moving
 * traffic off a slow backend; the failed-request rate for moving traffic off a failing one;
 * load peak-to-fair for a switch to a load-aware strategy; SLO attainment for a discount.
 *
 * @param action the change
 * @param findings ids of the findings behind it (`rule:subject`)
 * @returns the claim, or undefined for changes the simulator cannot model (cache)
 */
export function claimOf(
  action: RecommendationAction,
  findings: readonly string[] = [],
): WhatIfClaim | undefined {
  switch (action.kind) {
    case "hedge":
      return { metric: "p99", better: "lower" };
    case "shift-traffic":
      return findings.some((f) => f.startsWith("slow-backend:"))
        ? { metric: "p99", better: "lower" }
        : { metric: "errorRate", better: "lower" };
    case "switch-strategy":
      return { metric: "peakToFair", better: "lower" };
    case "retune-discount":
    case "retry":
    case "timeout":
    case "prior":
      return { metric: "sloAttainment", better: "higher" };
    case "grow-cache":
      return { metric: "cacheHitRate", better: "higher" };
    default:
      return undefined;
  }
}

/**
 * Applies a change to a run's settings.
 *
 * @param action the change
 * @param base the unchanged run
 * @returns the changed run and a label, or undefined when the simulator cannot model it (decision
 * caches are not simulated) or it does not apply (unknown backend, no result cache)
 */
export function applyAction(
  action: RecommendationAction,
  base: WhatIfBase,
): { run: WhatIfBase; change: string } | undefined {
  switch (action.kind) {
    case "hedge":
      return {
        run: { ...base, pattern: { name: "hedged", delay: action.afterMs, backup: "alternative" } },
        change: `hedge after ${formatMs(action.afterMs)}`,
      };
    case "shift-traffic": {
      const spec = base.scenario.backends[action.from];
      if (spec === undefined) return undefined;
      if (action.queryType !== undefined) {
        if (!Object.hasOwn(base.scenario.workload.mix, action.queryType)) return undefined;
        const have = base.exclude?.[action.queryType] ?? [];
        return {
          run: {
            ...base,
            exclude: { ...base.exclude, [action.queryType]: [...have, action.from] },
          },
          change: `move ${action.queryType} traffic off ${action.from}`,
        };
      }
      // A hidden outage over the whole run: routers stop seeing the backend, exactly as if
      // traffic were moved off it, while the backend set (and saved bandit arrays) stay intact.
      const windows = [
        ...(spec.windows ?? []),
        {
          kind: "outage" as const,
          startMs: 0,
          endMs: Number.MAX_SAFE_INTEGER,
          mode: "hidden" as const,
        },
      ];
      return {
        run: {
          ...base,
          scenario: {
            ...base.scenario,
            backends: { ...base.scenario.backends, [action.from]: { ...spec, windows } },
          },
        },
        change: `move traffic off ${action.from}`,
      };
    }
    case "retry":
      // Recursive with threshold 0 asks the next alternative only when a call failed (a
      // timeout is a failure), never because an answer was weak: a retry, not a fan-out.
      return {
        run: {
          ...withTimeout(base, action.timeoutMs),
          pattern: { name: "recursive", threshold: 0, maxIterations: action.attempts },
        },
        change: `retry up to ${action.attempts} calls, each cut off at ${formatMs(action.timeoutMs)}`,
      };
    case "timeout":
      return {
        run: withTimeout(base, action.timeoutMs),
        change: `time calls out at ${formatMs(action.timeoutMs)}`,
      };
    case "switch-strategy":
      if (action.to === base.strategy) return undefined;
      return { run: { ...base, strategy: action.to }, change: `switch to ${action.to}` };
    case "prior":
      if (base.strategy !== "thompson") return undefined;
      return {
        run: {
          ...base,
          routerOptions: {
            ...base.routerOptions,
            priors: { alpha: action.alpha, beta: action.beta },
          },
        },
        change: `prior Beta(${action.alpha}, ${action.beta})`,
      };
    case "grow-cache": {
      const cache = base.scenario.cache;
      if (cache === undefined) return undefined;
      const capacity = Math.max(1, Math.round(cache.capacity * action.factor));
      const ttlMs = cache.ttlMs === undefined ? undefined : cache.ttlMs * action.factor;
      return {
        run: {
          ...base,
          scenario: {
            ...base.scenario,
            cache: { ...cache, capacity, ...(ttlMs === undefined ? {} : { ttlMs }) },
          },
        },
        change: `grow the cache from ${cache.capacity} to ${capacity} entries${ttlMs === undefined ? "" : ` and its TTL to ${formatMs(ttlMs)}`}`,
      };
    }
    case "retune-discount":
      if (typeof base.strategy !== "string" || !LEARNING_STRATEGIES.has(base.strategy)) {
        return undefined;
      }
      return {
        run: { ...base, routerOptions: { ...base.routerOptions, discount: action.discount } },
        change: `discount ${action.discount}`,
      };
    default:
      return undefined;
  }
}

/** The run with every backend's calls cut off at `timeoutMs` (an earlier timeout is kept). */
function withTimeout(base: WhatIfBase, timeoutMs: number): WhatIfBase {
  const backends = Object.fromEntries(
    Object.entries(base.scenario.backends).map(([id, spec]) => [
      id,
      { ...spec, timeoutMs: Math.min(spec.timeoutMs ?? Number.POSITIVE_INFINITY, timeoutMs) },
    ]),
  );
  return { ...base, scenario: { ...base.scenario, backends } };
}

function simulate(run: WhatIfBase): WhatIfMetrics {
  return whatIfMetrics(simulateRun(run));
}

/**
 * Runs the simulation a what-if base describes.
 *
 * @param run scenario, strategy, pattern, rounds, seed, router options, exclusions
 * @param profile whether to record the profile too
 * @param repetition the repetition (default 0): paired runs share seed and repetition, so
 *   arrivals, query types and backend draws are the same random numbers before and after
 * @returns the run's result
 */
export function simulateRun(run: WhatIfBase, profile = false, repetition = 0): SimulationResult {
  return runSimulation({
    scenario: run.scenario,
    strategy: strategyOf(run),
    pattern: run.pattern,
    rounds: run.rounds,
    seed: run.seed,
    repetition,
    routerOptions: run.routerOptions,
    profile,
  });
}

/**
 * The strategy of a run, wrapped to hide the excluded backends per query type. The wrapper
 * keeps the strategy's name, so its random stream (derived from the name) stays the same.
 *
 * @param run the run
 * @returns the strategy to pass to `runSimulation`
 */
export function strategyOf(run: WhatIfBase): StrategyInput {
  const exclude = run.exclude;
  if (exclude === undefined || Object.keys(exclude).length === 0) return run.strategy;
  const inner = run.strategy;
  const factory = (context: Parameters<typeof createStrategy>[1]) =>
    new TypeExcludingRouter(createStrategy(inner, context, run.routerOptions), exclude);
  Object.defineProperty(factory, "name", { value: strategyName(inner) });
  return factory;
}

/**
 * Formats a what-if metric in its unit: rates as percentages, peak-to-fair as a ratio,
 * counts with three decimals, latencies in ms.
 *
 * @param metric which metric
 * @param v its value
 * @param percentDigits decimals of percentages (default 2)
 * @returns the text
 */
export function formatWhatIfMetric(
  metric: keyof WhatIfMetrics,
  v: number,
  percentDigits = 2,
): string {
  switch (metric) {
    case "errorRate":
    case "cacheHitRate":
    case "sloAttainment":
      return formatPercent(v, percentDigits);
    case "peakToFair":
      return formatRatio(v);
    case "queries":
    case "callsPerQuery":
      return v.toFixed(3);
    default:
      return formatMs(v);
  }
}

const LABEL: Partial<Record<keyof WhatIfMetrics, string>> = {
  errorRate: "failed requests",
  sloAttainment: "SLO attainment",
  peakToFair: "load peak/fair",
  p999: "p99.9",
};

/**
 * Re-simulates one change: runs the scenario with and without it (same seed, strategy, pattern
 * and rounds) and reports the claimed metric before and after, with the change in backend
 * calls per query as its cost.
 *
 * @param options the run, the change, and optionally its claim and the unchanged metrics
 * @returns before/after metrics and a one-line summary, e.g.
 * `hedge after 35.2 ms: p99 410 → 96.0 ms, +5.1 % backend calls`; undefined when the change
 * cannot be simulated
 * @throws what `runSimulation` throws (bad pattern, unknown strategy)
 * @example whatIf({ scenario, strategy: "thompson", rounds: 50_000, action: { kind: "hedge", afterMs: 35, percentile: 0.95 } })
 */
export function whatIf(options: WhatIfOptions): WhatIfOutcome | undefined {
  const claim = options.claim ?? claimOf(options.action);
  const applied = applyAction(options.action, options);
  if (claim === undefined || applied === undefined) return undefined;
  const before = options.before ?? simulate(options);
  const after = simulate(applied.run);
  const m = claim.metric;
  const improved = claim.better === "lower" ? after[m] < before[m] : after[m] > before[m];
  const parts = [
    `${LABEL[m] ?? m} ${formatWhatIfMetric(m, before[m])} → ${formatWhatIfMetric(m, after[m])}`,
  ];
  if (m !== "p99") parts.push(`p99 ${formatMs(before.p99)} → ${formatMs(after.p99)}`);
  // Side effects a latency win can hide: answers from worse backends show in SLO attainment.
  if (m !== "sloAttainment" && Number.isFinite(before.sloAttainment)) {
    parts.push(
      `SLO attainment ${formatPercent(before.sloAttainment)} → ${formatPercent(after.sloAttainment)}`,
    );
  }
  const dCalls = after.callsPerQuery / before.callsPerQuery - 1;
  parts.push(`${dCalls >= 0 ? "+" : "−"}${formatPercent(Math.abs(dCalls))} backend calls`);
  // One percentage point: well above the run-to-run noise of attainment on common random
  // numbers, and small enough to catch a trade-off a user would care about.
  const drop = before.sloAttainment - after.sloAttainment;
  const tradeOff =
    m !== "sloAttainment" && drop >= 0.01
      ? `SLO attainment falls ${formatPercent(before.sloAttainment)} → ${formatPercent(after.sloAttainment)}`
      : undefined;
  return {
    ...(tradeOff === undefined ? {} : { tradeOff }),
    recommendationId: options.recommendationId ?? options.action.kind,
    change: applied.change,
    claim,
    before,
    after,
    improved,
    summary: `${applied.change}: ${parts.join(", ")}`,
  };
}

/**
 * Re-simulates every recommendation that maps to a scenario or strategy change, simulating
 * the unchanged run once.
 *
 * @param recommendations from `recommend`
 * @param base the run the profile came from (or one like it)
 * @returns one outcome per simulable recommendation, in order
 */
export function whatIfAll(
  recommendations: readonly Recommendation[],
  base: WhatIfBase,
): WhatIfOutcome[] {
  let before: WhatIfMetrics | undefined;
  const out: WhatIfOutcome[] = [];
  for (const rec of recommendations) {
    if (rec.action === undefined) continue;
    const claim = claimOf(rec.action, rec.findings);
    if (claim === undefined || applyAction(rec.action, base) === undefined) continue;
    before ??= simulate(base);
    const o = whatIf({ ...base, action: rec.action, claim, recommendationId: rec.id, before });
    if (o !== undefined) out.push(o);
  }
  return out;
}

/**
 * The compact label of a base run's pattern, for reports.
 *
 * @param base the run
 * @returns e.g. `feed-forward` or `parallel:fanout=3`
 */
export function basePatternLabel(base: WhatIfBase): string {
  return formatPatternSpec(toPatternSpec(base.pattern ?? "feed-forward"));
}
