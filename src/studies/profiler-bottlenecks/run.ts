/** Notebook 05, profiler bottlenecks: profile a run, find its bottlenecks, check the advice. */
import { join } from "node:path";
import { profileSimulation } from "../../analysis/profile-simulation.js";
import { type Horizon, recommendationHorizon } from "../../analysis/recommendation-horizon.js";
import { verifyAdvice } from "../../analysis/verify-advice.js";
import {
  basePatternLabel,
  claimOf,
  type WhatIfBase,
  whatIf,
  whatIfMetrics,
} from "../../analysis/what-if.js";
import { whatIfVerdict } from "../../analysis/what-if-verdict.js";
import { toJsonSafe } from "../../format/json-safe.js";
import { projectRoot } from "../../lab/settings.js";
import type { PatternInput } from "../../patterns/spec.js";
import { formatProfileMarkdown } from "../../profiling/format-profile-markdown.js";
import { analyzeProfile } from "../../profiling/profile-analysis.js";
import type { WhatIfMetrics, WhatIfOutcome } from "../../profiling/what-if-types.js";
import { scenarioIncidents } from "../../sim/scenario/incidents.js";
import type { Scenario } from "../../sim/scenario/spec.js";
import { studyScenario } from "../scenario-input.js";
import type {
  LatencyFigures,
  ProfilerStudyResult,
  StudyRecommendation,
  StudyWhatIf,
  WhatIfFigures,
} from "./result.js";

/** Options for {@link runProfilerStudy}. */
export interface ProfilerStudyOptions {
  /** A loaded scenario or its file; default `data/scenarios/degraded.json` in the project. */
  scenario?: Scenario | string;
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

const SUMMARY_KEY: Record<number, "p50" | "p90" | "p95" | "p99" | "p999"> = {
  0.5: "p50",
  0.9: "p90",
  0.95: "p95",
  0.99: "p99",
  0.999: "p999",
};

/**
 * Notebook 05's experiment: runs a scenario (by default one with a degraded backend) with the
 * profiler on, finds its bottlenecks against the scenario's SLO, turns them into
 * recommendations, re-simulates each one that maps to a scenario or strategy change (same
 * seed and traffic, with and without it) and sorts them into immediate, medium-term and
 * long-term by {@link recommendationHorizon}.
 *
 * @param options scenario (loaded or a file), strategy, pattern, rounds, seed
 * @returns a JSON-ready {@link ProfilerStudyResult}
 * @throws {ScenarioError} for a missing or malformed scenario file
 * @throws {RangeError} for bad rounds or pattern; the registry's error for an unknown strategy
 * @example const r = runProfilerStudy({ rounds: 20_000, seed: 42 }); r.recommendations[0].horizon
 */
export function runProfilerStudy(options: ProfilerStudyOptions): ProfilerStudyResult {
  const { scenario, source } = studyScenario(
    options.scenario ?? join(projectRoot, "data/scenarios/degraded.json"),
  );
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
      source,
      incidents: scenarioIncidents(scenario, end),
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

/** Every k-th item so at most `max` remain (the first always kept). */
function downsample<T>(xs: T[], max: number): T[] {
  if (!(max >= 1)) throw new RangeError(`maxWindows must be ≥ 1, got ${max}`);
  if (xs.length <= max) return xs;
  const step = Math.ceil(xs.length / max);
  return xs.filter((_, i) => i % step === 0);
}
