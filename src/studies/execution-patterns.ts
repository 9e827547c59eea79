/**
 * Notebook 03, execution patterns: one router under every execution pattern on one scenario —
 * latency percentiles and distribution, quality, the load each pattern adds — and two checks
 * of *The Tail at Scale* (Dean & Barroso, 2013) against the simulation.
 */
import { isAbsolute, join, relative, resolve } from "node:path";
import { formatMs, formatPercent } from "../format/number.js";
import { projectRoot } from "../lab/settings.js";
import {
  formatPatternSpec,
  hedgeDelay,
  type PatternInput,
  toPatternSpec,
} from "../patterns/spec.js";
import { SeriesStats } from "../profiling/series-stats.js";
import { CompiledScenario } from "../sim/model/compiled-scenario.js";
import { runExperiment } from "../sim/run/run-experiment.js";
import type { SimulationResult } from "../sim/run/run-simulation.js";
import { loadScenario } from "../sim/scenario/load.js";

/** One execution pattern to measure. */
export interface PatternCase {
  /** Key in the result, e.g. `hedged-p95`. */
  id: string;
  /** For figures and tables, e.g. `hedged after p95`. */
  label: string;
  pattern: PatternInput;
}

/**
 * The patterns notebook 03 compares. Fan-out goes to every available backend (five in the
 * default scenario). The first-k and deadline variants cancel their stragglers, as a client
 * that no longer needs an answer would; the cancelled requests still count as calls.
 */
export const PATTERN_CASES: readonly PatternCase[] = Object.freeze([
  { id: "feed-forward", label: "feed-forward", pattern: "feed-forward" },
  { id: "recursive", label: "recursive (≤ 3 tries)", pattern: "recursive" },
  { id: "parallel-all", label: "parallel, wait for all", pattern: "parallel:rule=all" },
  {
    id: "parallel-first-k",
    label: "parallel, first answer",
    pattern: "parallel:rule=first-k,k=1,cancel=true",
  },
  {
    id: "parallel-deadline",
    label: "parallel, SLO deadline",
    pattern: "parallel:rule=deadline,cancel=true",
  },
  { id: "chain", label: "chain (2 stages)", pattern: "chain" },
  { id: "hedged-p95", label: "hedged after p95", pattern: "hedged:delay=p95" },
  { id: "hedged-tied", label: "tied (hedge at 0, cancel)", pattern: "hedged:delay=0,cancel=true" },
]);

/** What notebook 03 runs. */
export interface ExecutionPatternsPlan {
  scenarioFile: string;
  strategy: string;
  cases: PatternCase[];
  /** Queries per repetition. */
  rounds: number;
  /** Repetitions per pattern (worker-thread tasks; their sketches are pooled). */
  reps: number;
  /** Worker threads; 0 runs on the notebook's thread, undefined lets the runner choose. */
  workers?: number;
}

/**
 * The notebook's workload. Full mode pools 4 × 50,000 queries per pattern, so its p99.9
 * rests on 200 queries beyond it; 8 patterns (fan-out ones make 5 calls per query) take
 * about 20 s on 2 busy cores. Quick mode pools 2 × 10,000 (20 beyond the p99.9) and runs
 * them on the notebook's thread: for runs this short, starting a pool per pattern and warming
 * up each fresh thread's JIT cost more than the threads save (measured: 2.3 s in-thread
 * against 8.9 s with two workers for the 8 patterns).
 *
 * @param settings `quick` from `labSettings()`
 * @returns the scenario, router, patterns, rounds and repetitions
 * @example const plan = executionPatternsPlan(labSettings());
 */
export function executionPatternsPlan(settings: { quick: boolean }): ExecutionPatternsPlan {
  return {
    scenarioFile: join(projectRoot, "data", "scenarios", "default.json"),
    strategy: "thompson",
    cases: PATTERN_CASES.map((c) => ({ ...c })),
    rounds: settings.quick ? 10_000 : 50_000,
    reps: settings.quick ? 2 : 4,
    workers: settings.quick ? 0 : undefined,
  };
}

/** One pattern's results, pooled over repetitions. */
export interface PatternSummary {
  label: string;
  /** The pattern in compact form, e.g. `hedged:delay=p95`. */
  pattern: string;
  /** End-to-end query latency, ms (DDSketch, ±1 %). */
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
  /** Mean relevance of the fused answer (0 for failed queries). */
  meanRelevance: number;
  /** Queries answered with relevance ≥ the SLO's minRelevance. */
  successRate: number;
  /** Successful queries that were also within the SLO latency. */
  sloAttainment: number;
  /** Backend requests per query, cancelled ones included: the load the pattern adds. */
  callsPerQuery: number;
  /** Requests cancelled per query (stragglers, hedge losers). */
  cancelledPerQuery: number;
  /** Wall-clock time of its repetitions, ms (not reproducible). */
  wallMs: number;
}

/** Hedging after the primary's observed p95: extra calls and what they buy. */
export interface HedgingCheck {
  /** The hedged case and its baseline (ids in `patterns`). */
  pattern: string;
  baseline: string;
  /** The hedge delay's quantile (0.95 for p95). */
  quantile: number;
  /** Extra calls per query The Tail at Scale predicts: 1 − quantile. */
  predictedExtraCalls: number;
  /** Calls per query of the hedged pattern minus the baseline's. */
  measuredExtraCalls: number;
  /** Binomial standard error of the measured share: √(p(1 − p)/n), n queries, p predicted. */
  standardError: number;
  /** Tail latency, ms, without and with hedging. */
  p99: { baseline: number; hedged: number };
  p999: { baseline: number; hedged: number };
  /** 1 − hedged p99 / baseline p99. */
  p99Reduction: number;
}

/** Wait-for-all fan-out: the slow fraction it amplifies. */
export interface FanOutCheck {
  /** The fan-out case (an id in `patterns`). */
  pattern: string;
  /** A response slower than this is slow; default the SLO latency, ms. */
  thresholdMs: number;
  /** Requests per query (N). */
  fanout: number;
  /** Each backend's slow fraction p_b = P(latency > threshold) from the scenario (load ignored). */
  backendSlowFraction: Record<string, number>;
  /** 1 − Π (1 − p_b), which is 1 − (1 − p)^N when every p_b = p; it assumes independence. */
  predicted: number;
  /** Each backend's slow fraction measured on its calls in the fan-out run. */
  measuredBackendSlowFraction: Record<string, number>;
  /**
   * 1 − Π (1 − measured p_b): the same prediction from the run's own per-backend samples, so
   * the sampling noise of the p_b cancels and what remains tests independence alone.
   */
  predictedFromBackends: number;
  /** Share of the fan-out's queries slower than the threshold. */
  measured: number;
  /** Binomial standard error of the measured share: √(p(1 − p)/n), n queries, p predicted. */
  standardError: number;
  /** The same share for the baseline (one request per query), for the amplification. */
  baselineSlowFraction: number;
}

/**
 * The result of {@link executionPatterns}, as written to `results/03-execution-patterns.json`.
 * Everything is a pure function of (scenario, strategy, patterns, rounds, reps, seed) except
 * the `wallMs` fields. Rates are fractions in [0, 1]; latencies in ms; JSON writes NaN as null.
 */
export interface ExecutionPatternsResult {
  format: "routing-lab/execution-patterns";
  version: 1;
  scenario: {
    name: string;
    /** The scenario file, relative to the project root when inside it. */
    source: string;
  };
  /** The router every pattern runs with. */
  strategy: string;
  rounds: number;
  reps: number;
  seed: number;
  slo: { latencyMs: number; minRelevance: number };
  /** Case ids in run order. */
  order: string[];
  /** By case id. */
  patterns: Record<string, PatternSummary>;
  /** The Tail at Scale's two claims, measured; null when the needed cases were not run. */
  tailAtScale: {
    /** Needs cases `feed-forward` and `hedged-p95` (a pNN delay). */
    hedging: HedgingCheck | null;
    /** Needs cases `feed-forward` and `parallel-all`. */
    fanOut: FanOutCheck | null;
  };
  /** Latency quantile functions (4 significant digits): `ms[id][i]` is the `q[i]` quantile. */
  quantiles: { q: number[]; ms: Record<string, number[]> };
  /** Wall-clock time of the whole study, ms (not reproducible). */
  wallMs: number;
}

/** Options of {@link executionPatterns}. */
export interface ExecutionPatternsOptions {
  /** Scenario file; default `data/scenarios/default.json`. */
  scenarioFile?: string;
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

/** q from 0.001 to 0.999: every percent, denser in the far tail for the percentile plot. */
export const QUANTILE_GRID: readonly number[] = Object.freeze([
  0.001,
  0.005,
  ...Array.from({ length: 99 }, (_, i) => (i + 1) / 100),
  0.991,
  0.992,
  0.993,
  0.994,
  0.995,
  0.996,
  0.997,
  0.998,
  0.999,
]);

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
 * @example const r = await executionPatterns({ rounds: 10_000, reps: 2, seed: 42 });
 *   r.patterns["hedged-p95"].p99
 */
export async function executionPatterns(
  options: ExecutionPatternsOptions,
): Promise<ExecutionPatternsResult> {
  const started = performance.now();
  const scenarioFile = options.scenarioFile ?? join(projectRoot, "data/scenarios/default.json");
  const strategy = options.strategy ?? "thompson";
  const cases = [...(options.cases ?? PATTERN_CASES)];
  const reps = options.reps ?? 4;
  const seed = options.seed ?? 42;
  const ids = new Set(cases.map((c) => c.id));
  if (ids.size !== cases.length) throw new RangeError("pattern case ids must be unique");
  const scenario = loadScenario(scenarioFile);
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
    scenario: { name: scenario.name, source: relativeToRoot(scenarioFile) },
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

/** Queries and backend calls of a pattern's runs, each series merged over the runs. */
interface PooledSeries {
  queries: SeriesStats;
  backends: Map<string, SeriesStats>;
}

function pooledSeries(runs: readonly SimulationResult[]): PooledSeries {
  const out: PooledSeries = { queries: new SeriesStats(), backends: new Map() };
  // Only these series are read back: a whole profiler's time windows cost ~50 ms a run.
  for (const run of runs) {
    if (run.profile === undefined) throw new Error("executionPatterns: a run was not profiled");
    out.queries.merge(SeriesStats.fromJSON(run.profile.queries));
    for (const [id, json] of Object.entries(run.profile.backends)) {
      const series = out.backends.get(id) ?? new SeriesStats();
      out.backends.set(id, series.merge(SeriesStats.fromJSON(json)));
    }
  }
  return out;
}

function hedgingCheck(
  cases: readonly PatternCase[],
  patterns: Record<string, PatternSummary>,
  queries: number,
): HedgingCheck | null {
  const base = patterns["feed-forward"];
  const hedged = patterns["hedged-p95"];
  const c = cases.find((x) => x.id === "hedged-p95");
  if (base === undefined || hedged === undefined || c === undefined) return null;
  const spec = toPatternSpec(c.pattern);
  if (spec.name !== "hedged") return null;
  const delay = hedgeDelay(spec.delay ?? "p95");
  if (!("quantile" in delay)) return null;
  // Rounded so that p95 reads 0.05, not 1 − 0.95 in floating point.
  const p = Math.round((1 - delay.quantile) * 1e12) / 1e12;
  return {
    pattern: "hedged-p95",
    baseline: "feed-forward",
    quantile: delay.quantile,
    predictedExtraCalls: p,
    measuredExtraCalls: hedged.callsPerQuery - base.callsPerQuery,
    standardError: Math.sqrt((p * (1 - p)) / queries),
    p99: { baseline: base.p99, hedged: hedged.p99 },
    p999: { baseline: base.p999, hedged: hedged.p999 },
    p99Reduction: 1 - hedged.p99 / base.p99,
  };
}

function fanOutCheck(input: {
  patterns: Record<string, PatternSummary>;
  profilers: ReadonlyMap<string, PooledSeries>;
  compiled: CompiledScenario;
  thresholdMs: number;
  queries: number;
}): FanOutCheck | null {
  const { compiled, thresholdMs: t } = input;
  const fan = input.profilers.get("parallel-all");
  const base = input.profilers.get("feed-forward");
  if (fan === undefined || base === undefined) return null;
  const backendSlowFraction: Record<string, number> = {};
  const measuredBackendSlowFraction: Record<string, number> = {};
  let allFast = 1;
  let allFastMeasured = 1;
  compiled.backends.forEach((id, b) => {
    const series = fan.backends.get(id);
    if (series === undefined || series.count === 0) return;
    // A request slower than its timeout ends at the timeout, so it is slow only if that is.
    const p = t >= compiled.timeoutMs[b] ? 0 : 1 - compiled.states[b][0].latency.cdf(t);
    backendSlowFraction[id] = p;
    allFast *= 1 - p;
    const measured = 1 - series.sketch.fractionBelow(t);
    measuredBackendSlowFraction[id] = measured;
    allFastMeasured *= 1 - measured;
  });
  const predicted = 1 - allFast;
  return {
    pattern: "parallel-all",
    thresholdMs: t,
    fanout: input.patterns["parallel-all"].callsPerQuery,
    backendSlowFraction,
    predicted,
    measuredBackendSlowFraction,
    predictedFromBackends: 1 - allFastMeasured,
    measured: 1 - fan.queries.sketch.fractionBelow(t),
    standardError: Math.sqrt((predicted * (1 - predicted)) / input.queries),
    baselineSlowFraction: 1 - base.queries.sketch.fractionBelow(t),
  };
}

/**
 * A markdown table of every pattern: latency percentiles, quality and the calls it makes.
 *
 * @param r an execution-patterns result
 * @returns markdown ending with a newline
 * @example tslab.display.markdown(patternTableMarkdown(result))
 */
export function patternTableMarkdown(r: ExecutionPatternsResult): string {
  const head = [
    "pattern",
    "p50",
    "p90",
    "p99",
    "p99.9",
    "mean relevance",
    "success",
    "SLO attainment",
    "calls/query",
    "cancelled/query",
  ];
  const rows = r.order.map((id) => {
    const p = r.patterns[id];
    return [
      `${p.label} (\`${p.pattern}\`)`,
      formatMs(p.p50),
      formatMs(p.p90),
      formatMs(p.p99),
      formatMs(p.p999),
      p.meanRelevance.toFixed(3),
      formatPercent(p.successRate),
      formatPercent(p.sloAttainment),
      p.callsPerQuery.toFixed(3),
      p.cancelledPerQuery.toFixed(3),
    ];
  });
  return markdownTable(head, rows);
}

/**
 * A markdown table of the two Tail at Scale checks: each claim, what it predicts here, what
 * the simulation measured and by how many standard errors they differ.
 *
 * @param r an execution-patterns result
 * @returns markdown ending with a newline
 * @example tslab.display.markdown(tailAtScaleMarkdown(result))
 */
export function tailAtScaleMarkdown(r: ExecutionPatternsResult): string {
  const head = ["claim", "predicted", "measured", "binomial s.e.", "also measured"];
  const rows: string[][] = [];
  const h = r.tailAtScale.hedging;
  if (h !== null) {
    rows.push([
      `a backup after the p${fmtQ(h.quantile)} costs ≈ ${formatPercent(1 - h.quantile, 0)} extra calls`,
      formatPercent(h.predictedExtraCalls, 2),
      formatPercent(h.measuredExtraCalls, 2),
      formatPercent(h.standardError, 2),
      `p99 ${formatMs(h.p99.baseline)} → ${formatMs(h.p99.hedged)}, p99.9 ${formatMs(h.p999.baseline)} → ${formatMs(h.p999.hedged)}`,
    ]);
  }
  const f = r.tailAtScale.fanOut;
  if (f !== null) {
    const per = Object.entries(f.backendSlowFraction)
      .map(([id, p]) => `${id} ${formatPercent(p, 2)}`)
      .join(", ");
    rows.push([
      `waiting for all ${f.fanout.toFixed(0)} backends, a query is slow (> ${f.thresholdMs} ms) with probability 1 − Π(1 − p_b), p_b: ${per}`,
      formatPercent(f.predicted, 2),
      formatPercent(f.measured, 2),
      formatPercent(f.standardError, 2),
      `from the run's own p_b: ${formatPercent(f.predictedFromBackends, 2)}; one request per query: ${formatPercent(f.baselineSlowFraction, 2)}`,
    ]);
  }
  if (rows.length === 0) {
    return "No check: the study ran without its feed-forward, hedged-p95 and parallel-all cases.\n";
  }
  return markdownTable(head, rows);
}

function fmtQ(q: number): string {
  return String(Number((q * 100).toPrecision(4)));
}

function markdownTable(head: string[], rows: string[][]): string {
  const align = head.map((_, i) => (i === 0 ? "---" : "---:"));
  return `${[head, align, ...rows].map((row) => `| ${row.join(" | ")} |`).join("\n")}\n`;
}

/** Four significant digits keep the curves small in JSON and exact enough for a figure. */
function sig(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(4)) : x;
}

function relativeToRoot(path: string): string {
  const rel = relative(projectRoot, resolve(path));
  return rel.startsWith("..") || isAbsolute(rel) ? resolve(path) : rel;
}
