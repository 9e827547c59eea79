/** Notebook 02, strategy comparison: every strategy against the oracle on one scenario. */
import { join } from "node:path";
import { projectRoot } from "../../lab/settings.js";
import { SeriesStats } from "../../profiling/series-stats.js";
import { CompiledScenario } from "../../sim/model/compiled-scenario.js";
import { runExperiment, type StrategyResult } from "../../sim/run/run-experiment.js";
import type { Scenario } from "../../sim/scenario/spec.js";
import type { BandSeries } from "../../stats/band-series.js";
import { meanInterval } from "../../stats/estimate.js";
import { studyScenario } from "../scenario-input.js";
import { COMPARED_STRATEGIES } from "./plan.js";
import type {
  QueryTypeStrategy,
  QueryTypeSummary,
  StrategyComparisonResult,
  StrategySummary,
} from "./result.js";

/** Options of {@link runStrategyComparison}. */
export interface StrategyComparisonOptions {
  /** A loaded scenario or its file; default `data/scenarios/default.json`. */
  scenario?: Scenario | string;
  /** Default {@link COMPARED_STRATEGIES}. */
  strategies?: readonly string[];
  rounds: number;
  /** Default 10. */
  reps?: number;
  /** Root seed; default 42. */
  seed?: number;
  /** Curve points, ≤ 200; default 100. */
  points?: number;
  /** Worker threads; default the runner's (available cores). Results do not depend on it. */
  workers?: number;
  /** Strategy the paired regret difference is measured against; default `rule-based`. */
  baseline?: string;
}

/**
 * Notebook 02's experiment: runs every strategy on the scenario (feed-forward, one backend per
 * query) for `reps` repetitions on worker threads, profiling each run so results can be split
 * by query type, and condenses it all into a {@link StrategyComparisonResult}.
 *
 * @param options scenario, strategies, rounds, repetitions, seed
 * @returns the JSON-ready result
 * @throws {ScenarioError} for a missing or malformed scenario file
 * @throws {RangeError} for bad counts, more than 200 points, or a baseline that is not compared
 * @example const r = await runStrategyComparison({ rounds: 10_000, reps: 4, seed: 42 });
 *   r.strategies.thompson.regret.mean
 */
export async function runStrategyComparison(
  options: StrategyComparisonOptions,
): Promise<StrategyComparisonResult> {
  const strategies = [...(options.strategies ?? COMPARED_STRATEGIES)];
  const baseline = options.baseline ?? "rule-based";
  const points = options.points ?? 100;
  if (!(points >= 1 && points <= 200))
    throw new RangeError(`points must be in [1, 200], got ${points}`);
  if (!strategies.includes(baseline)) {
    throw new RangeError(`baseline "${baseline}" is not among the strategies compared`);
  }
  const { scenario, source } = studyScenario(
    options.scenario ?? join(projectRoot, "data/scenarios/default.json"),
  );
  const experiment = await runExperiment({
    scenario,
    strategies,
    rounds: options.rounds,
    reps: options.reps ?? 10,
    seed: options.seed ?? 42,
    points,
    workers: options.workers,
    // The profiler splits queries by true query type, which the run totals do not.
    profile: true,
    keepRuns: true,
  });
  const byName = new Map(experiment.strategies.map((s) => [s.strategy, s]));
  const base = byName.get(baseline) as StrategyResult;

  const summaries: Record<string, StrategySummary> = {};
  for (const s of experiment.strategies) summaries[s.strategy] = strategySummary(s, base);

  const compiled = new CompiledScenario(scenario);
  const queryTypes: Record<string, QueryTypeSummary> = {};
  const perRunTypes = new Map(
    experiment.strategies.map((s) => [s.strategy, queryTypeSeries(s, compiled.types)] as const),
  );
  compiled.types.forEach((type, ty) => {
    const expectedReward: Record<string, number> = {};
    let bestBackend = compiled.backends[0];
    compiled.backends.forEach((id, b) => {
      expectedReward[id] = compiled.expectedReward(ty, b, 0);
      if (expectedReward[id] > expectedReward[bestBackend]) bestBackend = id;
    });
    const perStrategy: Record<string, QueryTypeStrategy> = {};
    for (const s of experiment.strategies) {
      const runs = (perRunTypes.get(s.strategy) as SeriesStats[][])[ty];
      perStrategy[s.strategy] = queryTypeStrategy(runs);
    }
    queryTypes[type] = {
      share: compiled.mix[ty],
      bestBackend,
      bestExpectedReward: expectedReward[bestBackend],
      expectedReward,
      strategies: perStrategy,
    };
  });

  const ranking = experiment.strategies
    .filter((s) => s.strategy !== "oracle")
    .sort((a, b) => a.totals.regret.mean - b.totals.regret.mean)
    .map((s) => s.strategy);
  const regretCurves: Record<string, BandSeries> = {};
  const bestCurves: Record<string, BandSeries> = {};
  for (const s of experiment.strategies) {
    regretCurves[s.strategy] = roundSeries(s.curves.regret);
    bestCurves[s.strategy] = roundSeries(s.curves.bestBackendRate);
  }
  return {
    format: "routing-lab/strategy-comparison",
    version: 1,
    scenario: { name: scenario.name, source },
    pattern: experiment.pattern,
    rounds: experiment.rounds,
    reps: experiment.reps,
    seed: experiment.seed,
    slo: { latencyMs: scenario.slo.latencyMs, minRelevance: scenario.slo.minRelevance },
    simulatedMs: base.totals.simulatedMs.mean,
    baseline,
    order: experiment.strategies.map((s) => s.strategy),
    ranking,
    strategies: summaries,
    queryTypes,
    curves: {
      queries: experiment.strategies[0].curves.queries.slice(),
      regret: regretCurves,
      bestBackendRate: bestCurves,
    },
    wallMs: experiment.wallMs,
  };
}

function strategySummary(s: StrategyResult, base: StrategyResult): StrategySummary {
  const t = s.totals;
  const trafficShare: Record<string, number> = {};
  for (const [id, b] of Object.entries(t.trafficShare)) trafficShare[id] = b.mean;
  return {
    regret: t.regret,
    regretVsBaseline: meanInterval(
      s.repetitions.map((r, i) => r.regret - base.repetitions[i].regret),
    ),
    successRate: t.successRate,
    sloAttainment: t.sloAttainment,
    bestBackendRate: t.bestBackendRate,
    latency: { p50: t.latency.p50.mean, p95: t.latency.p95.mean, p99: t.latency.p99.mean },
    callsPerQuery: t.callsPerQuery.mean,
    trafficShare,
    wallMs: s.wallMs,
  };
}

/**
 * Each run's series per query type, `[type index][repetition]`, the types in the scenario's
 * order (a type no query of a run had gets an empty series).
 */
function queryTypeSeries(s: StrategyResult, types: readonly string[]): SeriesStats[][] {
  const runs = (s.runs ?? []).map((r) => {
    if (r.profile === undefined) throw new Error("runStrategyComparison: a run was not profiled");
    return r.profile.queryTypes;
  });
  // Only the query-type series are read back: a whole profiler's time windows cost ~50 ms a run.
  return types.map((type) =>
    runs.map((series) => {
      const json = series[type];
      return json === undefined ? new SeriesStats() : SeriesStats.fromJSON(json);
    }),
  );
}

function queryTypeStrategy(runs: readonly SeriesStats[]): QueryTypeStrategy {
  const pooled = new SeriesStats({ relativeAccuracy: runs[0]?.sketch.relativeAccuracy });
  for (const s of runs) pooled.merge(s);
  const summary = pooled.summary();
  return {
    queries: pooled.count / Math.max(1, runs.length),
    // The profiler counts a query as a success when it met the SLO (relevant and in time).
    sloAttainment: meanInterval(runs.map((s) => s.summary().successRate)),
    meanRelevance: summary.meanRelevance,
    p50: summary.p50,
    p95: summary.p95,
    p99: summary.p99,
  };
}

function roundSeries(s: BandSeries): BandSeries {
  return { mean: s.mean.map(sig), lo: s.lo.map(sig), hi: s.hi.map(sig) };
}

/** Four significant digits keep the curves small in JSON and exact enough for a figure. */
function sig(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(4)) : x;
}
