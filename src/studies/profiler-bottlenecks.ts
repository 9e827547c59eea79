import { isAbsolute, join, relative, resolve } from "node:path";
import { profileSimulation } from "../analysis/profile-simulation.js";
import { verifyAdvice } from "../analysis/verify-advice.js";
import {
  basePatternLabel,
  claimOf,
  formatWhatIfMetric,
  type WhatIfBase,
  whatIf,
  whatIfMetrics,
} from "../analysis/what-if.js";
import { toJsonSafe } from "../format/json-safe.js";
import { formatMs, formatPercent } from "../format/number.js";
import { projectRoot } from "../lab/settings.js";
import type { PatternInput } from "../patterns/spec.js";
import type { BottleneckRule, Severity } from "../profiling/find-bottlenecks.js";
import { formatProfileMarkdown } from "../profiling/format-profile-markdown.js";
import { analyzeProfile } from "../profiling/profile-analysis.js";
import type { RecommendationAction } from "../profiling/recommend.js";
import type { WhatIfMetrics, WhatIfOutcome } from "../profiling/what-if-types.js";
import { loadScenario } from "../sim/scenario/load.js";
import type { Scenario } from "../sim/scenario/spec.js";

/** When a recommendation can ship; see {@link recommendationHorizon} for the rule. */
export type Horizon = "immediate" | "medium-term" | "long-term";

/**
 * What the re-simulation said about a recommendation:
 * - `verified`: the claimed metric improved and SLO attainment did not fall by ≥ 1 point;
 * - `trade-off`: the claimed metric improved but SLO attainment fell by ≥ 1 point;
 * - `refuted`: the claimed metric did not improve;
 * - `not-simulated`: the simulator cannot model the change (caches, fallbacks).
 */
export type Verdict = "verified" | "trade-off" | "refuted" | "not-simulated";

/** Latency figures of one series, ms. */
export interface LatencyFigures {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  p999: number;
}

/** One backend's latency over the whole run, from the profiler's sketches (±1 %). */
export interface BackendLatency extends LatencyFigures {
  name: string;
  /** Its share of all backend calls, in [0, 1]. */
  share: number;
  /** Failed (error or timeout) calls / calls. */
  failureRate: number;
  /** Whether its p(slo.quantile) is over the SLO latency. */
  overSlo: boolean;
}

/** A time window of the scenario in which a backend misbehaves (from the scenario file). */
export interface Incident {
  backend: string;
  kind: "degradation" | "outage" | "drift";
  startMs: number;
  /** End of the window; a drift (which lasts) ends with the run. */
  endMs: number;
  /** One line, e.g. `mem0 degraded: latency × 5 + 20 ms, +5 % failures`. */
  label: string;
}

/** End-to-end query latency in one profiler time window. */
export interface LatencyWindow {
  startMs: number;
  endMs: number;
  queries: number;
  p50: number;
  p95: number;
  p99: number;
  /** Failed (error or timeout) queries / queries. */
  failureRate: number;
}

/** A bottleneck as ranked by `findBottlenecks`. */
export interface StudyFinding {
  /** 1 = most urgent. */
  rank: number;
  /** `rule:subject`. */
  id: string;
  rule: BottleneckRule;
  /** A backend, a pattern, `queries`, `cache`, `routing` or `backends`. */
  subject: string;
  severity: Severity;
  /** observed / threshold (≥ 1); `null` when infinite (e.g. a zero cache hit rate). */
  excess: number | null;
  message: string;
  /** The numbers behind it (ms, rates in [0, 1], counts, ratios); non-finite ones are `null`. */
  evidence: Record<string, number | null>;
}

/** The what-if figures compared before and after a change. */
export interface WhatIfFigures {
  /** End-to-end latency, ms. */
  p50: number;
  p99: number;
  p999: number;
  /** Queries answered relevantly within the SLO latency / queries. */
  sloAttainment: number;
  /** Backend calls per query (hedges and fan-out make it exceed 1). */
  callsPerQuery: number;
  /** Failed backend requests / completed requests. */
  failureRate: number;
}

/** A recommendation's re-simulation: same scenario, seed and traffic, with and without it. */
export interface StudyWhatIf {
  /** What changed, e.g. `hedge after 194 ms`. */
  change: string;
  /** The metric the recommendation claims to improve, and its values. */
  claim: {
    metric: keyof WhatIfMetrics;
    better: "lower" | "higher";
    before: number;
    after: number;
  };
  before: WhatIfFigures;
  after: WhatIfFigures;
  /** Whether the claimed metric moved the claimed way. */
  improved: boolean;
  /** Set when SLO attainment falls by at least one percentage point. */
  tradeOff: string | null;
  /** One line, e.g. `hedge after 194 ms: p99 424 → 215 ms, …, +4.9 % backend calls`. */
  summary: string;
}

/** A recommendation with its verdict and horizon. */
export interface StudyRecommendation {
  /** 1 = most urgent (the order of the findings behind it). */
  rank: number;
  /** e.g. `hedge`, `shift-traffic:mem0`. */
  id: string;
  title: string;
  detail: string;
  severity: Severity;
  /** Ids of the findings it answers. */
  findings: string[];
  /** The kind of change, or `null` for advice with no simulable action (fallbacks). */
  action: RecommendationAction["kind"] | null;
  verdict: Verdict;
  /** Whether to act on it at all: every verdict but `refuted`. */
  recommended: boolean;
  horizon: Horizon;
  /** Why this horizon, in words (the rule applied). */
  horizonReason: string;
  /** `null` when not simulated. */
  whatIf: StudyWhatIf | null;
}

/**
 * The result of {@link profilerStudy}, as written to `results/05-profiler-bottlenecks.json`.
 * Every number is a pure function of (scenario, strategy, pattern, rounds, seed) except
 * `wallMs` and the routing-time lines inside `reportMarkdown`, which are wall-clock.
 */
export interface ProfilerStudyResult {
  format: "routing-lab/profiler-study";
  version: 1;
  scenario: {
    name: string;
    /** The scenario file, relative to the project root when inside it. */
    source: string;
    /** Windows in which a backend misbehaves. */
    incidents: Incident[];
  };
  strategy: string;
  /** Compact pattern, e.g. `feed-forward`. */
  pattern: string;
  rounds: number;
  seed: number;
  slo: {
    latencyMs: number;
    minRelevance: number;
    /** The quantile the latency SLO applies to (bottleneck rules judge p(quantile)). */
    quantile: number;
  };
  /** The profiled run as a whole. */
  run: {
    queries: number;
    /** Virtual time the run covered, ms. */
    simulatedMs: number;
    callsPerQuery: number;
    sloAttainment: number;
    /** Failed backend requests / completed requests. */
    failureRate: number;
    /** End-to-end query latency. */
    latency: LatencyFigures;
  };
  /** Backends that served calls, busiest first. */
  backends: BackendLatency[];
  /** Backends the strategy never called. */
  idleBackends: string[];
  /** Width of a latency window, ms (the profiler widens windows on long runs). */
  windowMs: number;
  /** End-to-end latency per window, in time order (at most `maxWindows`). */
  windows: LatencyWindow[];
  /** Bottlenecks, most urgent first. */
  findings: StudyFinding[];
  /** Recommendations, most urgent first. */
  recommendations: StudyRecommendation[];
  /** Ids of the recommendations worth acting on (`recommended`), by horizon, in rank order. */
  byHorizon: Record<Horizon, string[]>;
  /** The profiler's own markdown sections (latency tables, bottlenecks, recommendations, what-if). */
  reportMarkdown: string;
  /** Wall-clock time: the profiled run and the what-if re-simulations (not reproducible). */
  wallMs: { profile: number; whatIf: number };
}

/** Options for {@link profilerStudy}. */
export interface ProfilerStudyOptions {
  /** Scenario file; default `data/scenarios/degraded.json` in the project. */
  scenarioPath?: string;
  /** A strategy `runSimulation` accepts; default `rule-based` (the old system's router). */
  strategy?: string;
  /** Default `feed-forward`. */
  pattern?: PatternInput;
  /** Queries to simulate. */
  rounds: number;
  /** Root seed; default 42. Before and after share it (common random numbers). */
  seed?: number;
  /** Most latency windows kept in the result; default 200 (every k-th when there are more). */
  maxWindows?: number;
}

/**
 * Notebook 05's workload: the degraded scenario under the old system's rule-based router. At
 * its 200 queries/s, quick mode's 12,000 queries are 60 s of traffic, which end with the
 * incident; full mode's 20,000 are 100 s, so the recovery shows too.
 *
 * @param settings `quick` from `labSettings()`
 * @returns the study's options but the seed
 */
export function profilerBottlenecksPlan(settings: {
  quick: boolean;
}): Required<Pick<ProfilerStudyOptions, "scenarioPath" | "strategy" | "rounds">> {
  return {
    scenarioPath: join(projectRoot, "data/scenarios/degraded.json"),
    strategy: "rule-based",
    rounds: settings.quick ? 12_000 : 20_000,
  };
}

const SUMMARY_KEY: Record<number, "p50" | "p90" | "p95" | "p99" | "p999"> = {
  0.5: "p50",
  0.9: "p90",
  0.95: "p95",
  0.99: "p99",
  0.999: "p999",
};

const CONFIG_CHANGES: ReadonlySet<RecommendationAction["kind"]> = new Set([
  "hedge",
  "shift-traffic",
  "retune-discount",
]);

/**
 * When a recommendation can ship. The rule, by how much work the change is and how sure the
 * re-simulation makes us:
 * - **immediate**: a configuration change of the running system (hedge delay, traffic
 *   weights, a learning strategy's discount) whose what-if is `verified`;
 * - **medium-term**: a configuration change whose what-if shows a trade-off or no improvement
 *   (it needs a better variant, e.g. down-weighting instead of removing, and a new check); a
 *   strategy switch (a new router goes out behind an A/B test whatever the simulation says);
 *   advice the simulator cannot model that changes the request path (fallbacks and retries);
 * - **long-term**: changes that need new or larger infrastructure: caches of results
 *   (`grow-cache`) or of routing decisions (`cache-decisions`).
 *
 * @param action the recommendation's change, or undefined for advice without one
 * @param verdict what its re-simulation showed
 * @returns the horizon and the reason, in words
 * @example recommendationHorizon("hedge", "verified") // { horizon: "immediate", … }
 */
export function recommendationHorizon(
  action: RecommendationAction["kind"] | undefined,
  verdict: Verdict,
): { horizon: Horizon; reason: string } {
  if (action === "grow-cache" || action === "cache-decisions") {
    return { horizon: "long-term", reason: "needs new or larger cache infrastructure" };
  }
  if (action === "switch-strategy") {
    return {
      horizon: "medium-term",
      reason: "a strategy switch ships behind an A/B test, whatever the simulation says",
    };
  }
  if (action !== undefined && CONFIG_CHANGES.has(action)) {
    if (verdict === "verified") {
      return { horizon: "immediate", reason: "a configuration change the re-simulation verified" };
    }
    return {
      horizon: "medium-term",
      reason:
        verdict === "trade-off"
          ? "a configuration change whose re-simulation shows a trade-off: needs a better variant"
          : verdict === "refuted"
            ? "a configuration change the re-simulation refuted: needs a better variant"
            : "a configuration change the simulator cannot check",
    };
  }
  return {
    horizon: "medium-term",
    reason: "changes the request path (fallbacks, retries); the simulator cannot check it",
  };
}

/**
 * The verdict of a re-simulation.
 *
 * @param outcome the what-if, or undefined when the change was not simulated
 * @returns `verified`, `trade-off`, `refuted` or `not-simulated` (see {@link Verdict})
 */
export function whatIfVerdict(outcome: WhatIfOutcome | undefined): Verdict {
  if (outcome === undefined) return "not-simulated";
  if (!outcome.improved) return "refuted";
  return outcome.tradeOff === undefined ? "verified" : "trade-off";
}

/**
 * Notebook 05's experiment: runs a scenario (by default one with a degraded backend) with the
 * profiler on, finds its bottlenecks against the scenario's SLO, turns them into
 * recommendations, re-simulates each one that maps to a scenario or strategy change (same
 * seed and traffic, with and without it) and sorts them into immediate, medium-term and
 * long-term by {@link recommendationHorizon}.
 *
 * @param options scenario file, strategy, pattern, rounds, seed
 * @returns a JSON-ready {@link ProfilerStudyResult}
 * @throws {ScenarioError} for a missing or malformed scenario file
 * @throws {RangeError} for bad rounds or pattern; the registry's error for an unknown strategy
 * @example const r = profilerStudy({ rounds: 20_000, seed: 42 }); r.recommendations[0].horizon
 */
export function profilerStudy(options: ProfilerStudyOptions): ProfilerStudyResult {
  const scenarioPath = options.scenarioPath ?? join(projectRoot, "data/scenarios/degraded.json");
  const scenario = loadScenario(scenarioPath);
  const strategy = options.strategy ?? "rule-based";
  const seed = options.seed ?? 42;
  const base: WhatIfBase = {
    scenario,
    strategy,
    pattern: options.pattern,
    rounds: options.rounds,
    seed,
  };
  const sloMs = scenario.slo.latencyMs;

  const profiled = profileSimulation(base);
  const report = profiled.profiler.report();
  const diagnosis = analyzeProfile(report, {
    sloMs,
    recommend: { currentStrategy: strategy },
    source: profiled.source,
  });

  // The profiled run is the unchanged run: reuse its totals instead of simulating it again.
  const before = whatIfMetrics(profiled.result);
  const started = performance.now();
  const outcomes = new Map<string, WhatIfOutcome>();
  for (const rec of diagnosis.recommendations) {
    if (rec.action === undefined) continue;
    const o = whatIf({
      ...base,
      action: rec.action,
      claim: claimOf(rec.action, rec.findings),
      recommendationId: rec.id,
      before,
    });
    if (o !== undefined) outcomes.set(rec.id, o);
  }
  // The report's sections show the advice verified against SLO attainment (paired, Holm).
  const verified = verifyAdvice(diagnosis.recommendations, { base });
  const whatIfMs = performance.now() - started;
  const analysis = {
    ...diagnosis,
    recommendations: verified.recommendations,
    advice: verified.verification,
  };

  const quantile = analysis.sloQuantile;
  const qKey = SUMMARY_KEY[quantile] ?? "p99";
  const totals = profiled.result.totals;
  const recommendations = diagnosis.recommendations.map((rec, i): StudyRecommendation => {
    const outcome = outcomes.get(rec.id);
    const verdict = whatIfVerdict(outcome);
    const h = recommendationHorizon(rec.action?.kind, verdict);
    return {
      rank: i + 1,
      id: rec.id,
      title: rec.title,
      detail: rec.detail,
      severity: rec.severity,
      findings: [...rec.findings],
      action: rec.action?.kind ?? null,
      verdict,
      recommended: verdict !== "refuted",
      horizon: h.horizon,
      horizonReason: h.reason,
      whatIf: outcome === undefined ? null : studyWhatIf(outcome),
    };
  });
  const byHorizon: Record<Horizon, string[]> = {
    immediate: [],
    "medium-term": [],
    "long-term": [],
  };
  for (const r of recommendations) if (r.recommended) byHorizon[r.horizon].push(r.id);

  const end = totals.simulatedMs;
  const result: ProfilerStudyResult = {
    format: "routing-lab/profiler-study",
    version: 1,
    scenario: {
      name: scenario.name,
      source: relativeToRoot(scenarioPath),
      incidents: incidentsOf(scenario, end),
    },
    strategy: profiled.result.strategy,
    pattern: basePatternLabel(base),
    rounds: options.rounds,
    seed,
    slo: { latencyMs: sloMs, minRelevance: scenario.slo.minRelevance, quantile },
    run: {
      queries: totals.queries,
      simulatedMs: end,
      callsPerQuery: totals.callsPerQuery,
      sloAttainment: totals.sloAttainment,
      failureRate: totals.requestFailureRate,
      latency: figures(report.queries),
    },
    backends: report.backends
      .filter((b) => b.count > 0)
      .map((b) => ({
        name: b.name,
        ...figures(b),
        share: b.share,
        failureRate: (b.errors + b.timeouts) / b.count,
        overSlo: b[qKey] > sloMs,
      })),
    idleBackends: Object.keys(scenario.backends).filter(
      (name) => !report.backends.some((b) => b.name === name && b.count > 0),
    ),
    windowMs: report.windowMs,
    windows: downsample(
      report.windows.filter((w) => w.queries > 0),
      options.maxWindows ?? 200,
    ).map((w) => ({
      startMs: w.startMs,
      endMs: w.endMs,
      queries: w.queries,
      p50: w.p50,
      p95: w.p95,
      p99: w.p99,
      failureRate: w.errorRate + w.timeoutRate,
    })),
    findings: analysis.findings.map((f, i) => ({
      rank: i + 1,
      id: f.id,
      rule: f.rule,
      subject: f.subject,
      severity: f.severity,
      excess: Number.isFinite(f.excess) ? f.excess : null,
      message: f.message,
      evidence: toJsonSafe(f.evidence) as Record<string, number | null>,
    })),
    recommendations,
    byHorizon,
    reportMarkdown: formatProfileMarkdown(analysis, { headingLevel: 3 }),
    wallMs: { profile: profiled.result.wallMs, whatIf: whatIfMs },
  };
  return result;
}

const CLAIM_LABEL: Partial<Record<keyof WhatIfMetrics, string>> = {
  errorRate: "failed requests",
  sloAttainment: "SLO attainment",
  peakToFair: "load peak/fair",
  callsPerQuery: "calls/query",
  p999: "p99.9",
};

/**
 * A markdown table of a study's recommendations: verdict, horizon, and the what-if's claimed
 * metric, p99, SLO attainment and calls per query before → after.
 *
 * @param r a profiler study result
 * @returns markdown ending with a newline (`None.` when there are no recommendations)
 * @example tslab.display.markdown(profilerRecommendationsMarkdown(result))
 */
export function profilerRecommendationsMarkdown(r: ProfilerStudyResult): string {
  if (r.recommendations.length === 0) return "None.\n";
  const arrow = (a: string, b: string) => `${a} → ${b}`;
  const head = [
    "#",
    "recommendation",
    "verdict",
    "horizon",
    "claimed metric",
    "p99",
    "SLO attainment",
    "calls/query",
  ];
  const rows = r.recommendations.map((rec) => {
    const w = rec.whatIf;
    return [
      String(rec.rank),
      `${rec.title} (${rec.severity})`,
      rec.recommended ? rec.verdict : `${rec.verdict}: not recommended`,
      rec.horizon,
      w === null
        ? "–"
        : `${CLAIM_LABEL[w.claim.metric] ?? w.claim.metric} ${arrow(formatWhatIfMetric(w.claim.metric, w.claim.before, 1), formatWhatIfMetric(w.claim.metric, w.claim.after, 1))}`,
      w === null ? "–" : arrow(formatMs(w.before.p99), formatMs(w.after.p99)),
      w === null
        ? "–"
        : arrow(formatPercent(w.before.sloAttainment), formatPercent(w.after.sloAttainment)),
      w === null ? "–" : arrow(w.before.callsPerQuery.toFixed(3), w.after.callsPerQuery.toFixed(3)),
    ];
  });
  const align = head.map((_, i) => (i === 0 ? "---:" : "---"));
  return `${[head, align, ...rows].map((row) => `| ${row.join(" | ")} |`).join("\n")}\n`;
}

function figures(s: LatencyFigures): LatencyFigures {
  return { count: s.count, mean: s.mean, p50: s.p50, p95: s.p95, p99: s.p99, p999: s.p999 };
}

function whatIfFigures(m: WhatIfMetrics): WhatIfFigures {
  return {
    p50: m.p50,
    p99: m.p99,
    p999: m.p999,
    sloAttainment: m.sloAttainment,
    callsPerQuery: m.callsPerQuery,
    failureRate: m.errorRate,
  };
}

function studyWhatIf(o: WhatIfOutcome): StudyWhatIf {
  const m = o.claim.metric;
  return {
    change: o.change,
    claim: { metric: m, better: o.claim.better, before: o.before[m], after: o.after[m] },
    before: whatIfFigures(o.before),
    after: whatIfFigures(o.after),
    improved: o.improved,
    tradeOff: o.tradeOff ?? null,
    summary: o.summary,
  };
}

function incidentsOf(scenario: Scenario, runEndMs: number): Incident[] {
  const out: Incident[] = [];
  for (const [backend, spec] of Object.entries(scenario.backends)) {
    for (const w of spec.windows ?? []) {
      let label: string;
      if (w.kind === "degradation") {
        const parts: string[] = [];
        if ((w.latencyFactor ?? 1) !== 1) parts.push(`latency × ${w.latencyFactor}`);
        if (w.addLatencyMs) parts.push(`+${w.addLatencyMs} ms`);
        if (w.failureProbability) parts.push(`+${w.failureProbability * 100} % failures`);
        label = `${backend} degraded${parts.length > 0 ? ` (${parts.join(", ")})` : ""}`;
      } else if (w.kind === "outage") {
        label = `${backend} down (${w.mode ?? "error"})`;
      } else {
        label = `${backend} drifts`;
      }
      out.push({
        backend,
        kind: w.kind,
        startMs: w.startMs,
        // A drift lasts: it ends with the run (or starts after it, and then is empty).
        endMs: w.kind === "drift" ? Math.max(w.startMs, runEndMs) : w.endMs,
        label,
      });
    }
  }
  return out.sort((a, b) => a.startMs - b.startMs);
}

/** Every k-th item so at most `max` remain (the first always kept). */
function downsample<T>(xs: T[], max: number): T[] {
  if (!(max >= 1)) throw new RangeError(`maxWindows must be ≥ 1, got ${max}`);
  if (xs.length <= max) return xs;
  const step = Math.ceil(xs.length / max);
  return xs.filter((_, i) => i % step === 0);
}

function relativeToRoot(path: string): string {
  const rel = relative(projectRoot, resolve(path));
  return rel.startsWith("..") || isAbsolute(rel) ? resolve(path) : rel;
}
