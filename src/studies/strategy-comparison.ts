/**
 * Notebook 02, strategy comparison: every routing strategy against the oracle on one scenario,
 * repetitions on worker threads, condensed into a small JSON-ready result (totals with 95 %
 * intervals, results per query type, downsampled curves) and the notebook's markdown tables.
 */
import { isAbsolute, join, relative, resolve } from "node:path";
import { formatMs, formatPercent } from "../format/number.js";
import { projectRoot } from "../lab/settings.js";
import { SeriesStats } from "../profiling/series-stats.js";
import { CompiledScenario } from "../sim/model/compiled-scenario.js";
import { runExperiment, type StrategyResult } from "../sim/run/run-experiment.js";
import { loadScenario } from "../sim/scenario/load.js";
import type { BandSeries } from "../stats/band-series.js";
import { type Estimate, meanInterval } from "../stats/estimate.js";

/** The strategies notebook 02 compares, in the order its tables list them. */
export const COMPARED_STRATEGIES: readonly string[] = Object.freeze([
  "rule-based",
  "thompson",
  "ucb1",
  "epsilon-greedy",
  "peak-ewma",
  "random",
  "oracle",
]);

/** What notebook 02 runs. */
export interface StrategyComparisonPlan {
  scenarioFile: string;
  strategies: string[];
  /** Queries per repetition. */
  rounds: number;
  /** Repetitions per strategy (each one a worker-thread task). */
  reps: number;
  /** Curve points kept (≤ 200). */
  points: number;
}

/**
 * The notebook's workload. At 200 queries/s the full run covers 250 s of virtual time per
 * repetition; 7 strategies × 10 repetitions × 50,000 queries (3.5 M simulated queries, profiled)
 * take about 25 s on 2 busy cores, inside the report's 60 s per notebook. Quick mode keeps
 * every strategy and enough repetitions for a t interval (4) on 10,000 queries.
 *
 * @param settings `quick` from `labSettings()`
 * @returns the scenario, strategies, rounds, repetitions and curve points
 * @example const plan = strategyComparisonPlan(labSettings());
 */
export function strategyComparisonPlan(settings: { quick: boolean }): StrategyComparisonPlan {
  return {
    scenarioFile: join(projectRoot, "data", "scenarios", "default.json"),
    strategies: [...COMPARED_STRATEGIES],
    rounds: settings.quick ? 10_000 : 50_000,
    reps: settings.quick ? 4 : 10,
    points: 100,
  };
}

/** One strategy's totals: means over repetitions with 95 % intervals where it matters. */
export interface StrategySummary {
  /** Cumulative pseudo-regret at the end of the run against the oracle. */
  regret: Estimate;
  /**
   * This strategy's regret minus the baseline's, paired by repetition (repetition r of every
   * strategy sees the same traffic); an interval excluding 0 is a significant difference.
   */
  regretVsBaseline: Estimate;
  /** Queries answered with relevance ≥ the SLO's minRelevance. */
  successRate: Estimate;
  /** Successful queries that were also within the SLO latency. */
  sloAttainment: Estimate;
  /** Decisions that chose a backend with the best expected reward. */
  bestBackendRate: Estimate;
  /** End-to-end latency percentiles, ms (mean over repetitions of each run's sketch value). */
  latency: { p50: number; p95: number; p99: number };
  /** Backend requests per query (1 with feed-forward). */
  callsPerQuery: number;
  /** Each backend's share of requests (mean over repetitions). */
  trafficShare: Record<string, number>;
  /** Wall-clock time of all its repetitions, ms (not reproducible). */
  wallMs: number;
}

/** One strategy's results on one query type. */
export interface QueryTypeStrategy {
  /** Queries of this type per repetition (mean). */
  queries: number;
  /** Share of this type's queries answered relevantly within the SLO latency. */
  sloAttainment: Estimate;
  /** Mean relevance of the answers (0 for failed queries), pooled over repetitions. */
  meanRelevance: number;
  /** End-to-end latency of this type's queries, ms, pooled over repetitions (sketch, ±1 %). */
  p50: number;
  p95: number;
  p99: number;
}

/** One query type: what the oracle knows about it, and how every strategy did. */
export interface QueryTypeSummary {
  /** Its share of the workload mix. */
  share: number;
  /** The backend with the highest expected reward at time 0 (what the oracle picks). */
  bestBackend: string;
  /** That backend's expected reward: P(one request meets the SLO). */
  bestExpectedReward: number;
  /** Every backend's expected reward at time 0. */
  expectedReward: Record<string, number>;
  /** By strategy name. */
  strategies: Record<string, QueryTypeStrategy>;
}

/**
 * The result of {@link strategyComparison}, as written to `results/02-strategy-comparison.json`.
 * Everything is a pure function of (scenario, strategies, rounds, reps, seed) except the
 * `wallMs` fields. Rates are fractions in [0, 1]; latencies in ms; JSON writes NaN as null.
 */
export interface StrategyComparisonResult {
  format: "routing-lab/strategy-comparison";
  version: 1;
  scenario: {
    name: string;
    /** The scenario file, relative to the project root when inside it. */
    source: string;
  };
  pattern: string;
  rounds: number;
  reps: number;
  seed: number;
  slo: { latencyMs: number; minRelevance: number };
  /** Virtual time one repetition covers, ms (mean). */
  simulatedMs: number;
  /** The strategy `regretVsBaseline` is measured against (the old system's router). */
  baseline: string;
  /** Strategy names in run order. */
  order: string[];
  /** Every strategy but the oracle, by mean regret, lowest first. */
  ranking: string[];
  /** By strategy name. */
  strategies: Record<string, StrategySummary>;
  /** By query type, in the workload mix's order. */
  queryTypes: Record<string, QueryTypeSummary>;
  /** Downsampled curves (≤ `points` bins of consecutive queries), 4 significant digits. */
  curves: {
    /** Queries arrived by the end of each bin: the x axis. */
    queries: number[];
    /** Cumulative regret, mean and 95 % band, by strategy. */
    regret: Record<string, BandSeries>;
    /** Best-backend rate per bin, mean and 95 % band, by strategy. */
    bestBackendRate: Record<string, BandSeries>;
  };
  /** Wall-clock time of the whole experiment, ms (not reproducible). */
  wallMs: number;
}

/** Options of {@link strategyComparison}. */
export interface StrategyComparisonOptions {
  /** Scenario file; default `data/scenarios/default.json`. */
  scenarioFile?: string;
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
 * @example const r = await strategyComparison({ rounds: 10_000, reps: 4, seed: 42 });
 *   r.strategies.thompson.regret.mean
 */
export async function strategyComparison(
  options: StrategyComparisonOptions,
): Promise<StrategyComparisonResult> {
  const scenarioFile = options.scenarioFile ?? join(projectRoot, "data/scenarios/default.json");
  const strategies = [...(options.strategies ?? COMPARED_STRATEGIES)];
  const baseline = options.baseline ?? "rule-based";
  const points = options.points ?? 100;
  if (!(points >= 1 && points <= 200))
    throw new RangeError(`points must be in [1, 200], got ${points}`);
  if (!strategies.includes(baseline)) {
    throw new RangeError(`baseline "${baseline}" is not among the strategies compared`);
  }
  const scenario = loadScenario(scenarioFile);
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
    scenario: { name: scenario.name, source: relativeToRoot(scenarioFile) },
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

/**
 * The strategies in table order: the ranking (lowest regret first), then the oracle.
 *
 * @param r a strategy comparison
 * @returns strategy names
 */
export function strategyTableOrder(r: StrategyComparisonResult): string[] {
  return [...r.ranking, ...r.order.filter((s) => !r.ranking.includes(s))];
}

/**
 * A markdown table of every strategy's totals: regret with its 95 % interval, the paired
 * difference to the baseline, success rate, SLO attainment, best-backend rate, latency
 * percentiles and the busiest backend. Rows by regret, lowest first; the oracle last.
 *
 * @param r a strategy comparison
 * @returns markdown ending with a newline
 * @example tslab.display.markdown(strategyTotalsMarkdown(result))
 */
export function strategyTotalsMarkdown(r: StrategyComparisonResult): string {
  const head = [
    "strategy",
    "regret (95 % CI)",
    `regret − ${r.baseline} (paired)`,
    "success",
    "SLO attainment",
    "best backend chosen",
    "p50",
    "p95",
    "p99",
    "busiest backend",
  ];
  const rows = strategyTableOrder(r).map((name) => {
    const s = r.strategies[name];
    const busiest = Object.entries(s.trafficShare).sort((a, b) => b[1] - a[1])[0];
    return [
      name,
      formatInterval(s.regret, (x) => x.toFixed(0)),
      name === r.baseline ? "(baseline)" : formatInterval(s.regretVsBaseline, signed),
      formatRateBand(s.successRate),
      formatRateBand(s.sloAttainment),
      formatRateBand(s.bestBackendRate),
      formatMs(s.latency.p50),
      formatMs(s.latency.p95),
      formatMs(s.latency.p99),
      busiest === undefined ? "–" : `${busiest[0]} ${formatPercent(busiest[1], 0)}`,
    ];
  });
  return markdownTable(head, rows, [false, ...head.slice(1).map(() => true)]);
}

/**
 * A markdown table of SLO attainment per query type and strategy, beside the type's share of
 * the traffic and the oracle's pick with its expected reward (P(one request meets the SLO)).
 * The best strategy other than the oracle is in bold in each row.
 *
 * @param r a strategy comparison
 * @returns markdown ending with a newline
 * @example tslab.display.markdown(queryTypeMarkdown(result))
 */
export function queryTypeMarkdown(r: StrategyComparisonResult): string {
  const names = strategyTableOrder(r);
  const head = ["query type", "share", "oracle's pick (expected reward)", ...names];
  const rows = Object.entries(r.queryTypes).map(([type, q]) => {
    const learners = names.filter((n) => n !== "oracle");
    const best = learners.reduce((a, b) =>
      q.strategies[b].sloAttainment.mean > q.strategies[a].sloAttainment.mean ? b : a,
    );
    return [
      type,
      formatPercent(q.share, 0),
      `${q.bestBackend} (${formatPercent(q.bestExpectedReward)})`,
      ...names.map((n) => {
        const text = formatPercent(q.strategies[n].sloAttainment.mean);
        return n === best ? `**${text}**` : text;
      }),
    ];
  });
  return markdownTable(head, rows, [false, true, false, ...names.map(() => true)]);
}

function signed(x: number): string {
  return `${x > 0 ? "+" : x < 0 ? "−" : ""}${Math.abs(x).toFixed(0)}`;
}

function formatInterval(b: Estimate, f: (x: number) => string): string {
  return b.lo === b.hi ? f(b.mean) : `${f(b.mean)} [${f(b.lo)}, ${f(b.hi)}]`;
}

/** A rate with the half-width of its (symmetric t) interval, in percentage points. */
function formatRateBand(b: Estimate): string {
  if (!Number.isFinite(b.mean)) return "–";
  const half = (b.hi - b.lo) / 2;
  return half > 0 ? `${formatPercent(b.mean)} ± ${(half * 100).toFixed(1)}` : formatPercent(b.mean);
}

function markdownTable(head: string[], rows: string[][], right: boolean[]): string {
  const align = right.map((r) => (r ? "---:" : "---"));
  return `${[head, align, ...rows].map((row) => `| ${row.join(" | ")} |`).join("\n")}\n`;
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
    if (r.profile === undefined) throw new Error("strategyComparison: a run was not profiled");
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

function relativeToRoot(path: string): string {
  const rel = relative(projectRoot, resolve(path));
  return rel.startsWith("..") || isAbsolute(rel) ? resolve(path) : rel;
}
