/** Notebook 05, profiler bottlenecks: profile a run, find its bottlenecks, check the advice. */
import { join } from "node:path";
import { profileSimulation } from "../../analysis/profile-simulation.js";
import { verifyAdvice } from "../../analysis/verify-advice.js";
import { basePatternLabel, type WhatIfBase } from "../../analysis/what-if.js";
import { toJsonSafe } from "../../format/json-safe.js";
import { projectRoot } from "../../lab/settings.js";
import type { PatternInput } from "../../patterns/spec.js";
import type { VerifiedRecommendation } from "../../profiling/advice-types.js";
import { formatProfileMarkdown } from "../../profiling/format-profile-markdown.js";
import { analyzeProfile } from "../../profiling/profile-analysis.js";
import { scenarioIncidents } from "../../sim/scenario/incidents.js";
import type { Scenario } from "../../sim/scenario/spec.js";
import { studyScenario } from "../scenario-input.js";
import type { LatencyFigures, ProfilerStudyResult, StudyRecommendation } from "./result.js";

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
  /** Paired repetitions per candidate change; default 5 (see `verifyAdvice`). */
  reps?: number;
  /** Largest relative rise in calls per query an advised change may cost; default 0.1. */
  callsBudget?: number;
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
 * recommendations and verifies each against the objective with `verifyAdvice`: re-simulated
 * over paired repetitions (common random numbers), a change is advised only when SLO
 * attainment rises with a Holm-corrected 95 % interval above 0 within the calls budget, and
 * only advised ones get a horizon. All advised changes are also re-simulated together.
 *
 * @param options scenario (loaded or a file), strategy, pattern, rounds, seed, repetitions, budget
 * @returns a JSON-ready {@link ProfilerStudyResult}
 * @throws {ScenarioError} for a missing or malformed scenario file
 * @throws {RangeError} for bad rounds, pattern, repetitions or budget; the registry's error for
 *   an unknown strategy
 * @example const r = runProfilerStudy({ rounds: 20_000, seed: 42 }); r.recommendations[0].verdict
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

  const verified = verifyAdvice(diagnosis.recommendations, {
    base,
    reps: options.reps,
    callsBudget: options.callsBudget,
  });
  const v = verified.verification;
  const analysis = { ...diagnosis, recommendations: verified.recommendations, advice: v };
  // Urgency is the order the profiler proposed them in; verification reorders them.
  const rankOf = new Map(diagnosis.recommendations.map((rec, i) => [rec.id, i + 1]));

  const quantile = analysis.sloQuantile;
  const qKey = SUMMARY_KEY[quantile] ?? "p99";
  const totals = profiled.result.totals;
  const end = totals.simulatedMs;
  const result: ProfilerStudyResult = {
    format: "routing-lab/profiler-study",
    version: 2,
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
    recommendations: verified.recommendations.map((rec) =>
      studyRecommendation(rec, rankOf.get(rec.id) ?? 0),
    ),
    advice: {
      settings: {
        reps: v.settings.reps,
        rounds: v.settings.rounds,
        seed: v.settings.seed,
        callsBudget: v.settings.callsBudget,
        alpha: v.settings.alpha,
        tested: v.settings.tested,
        basis: v.settings.basis,
      },
      baseline: v.baseline,
      combined: v.combined ?? null,
      notes: v.notes,
    },
    reportMarkdown: formatProfileMarkdown(analysis, { headingLevel: 3 }),
    wallMs: { profile: profiled.result.wallMs, verify: v.elapsedMs },
  };
  return result;
}

function figures(s: LatencyFigures): LatencyFigures {
  return { count: s.count, mean: s.mean, p50: s.p50, p95: s.p95, p99: s.p99, p999: s.p999 };
}

/** A verified recommendation in the result's shape: every optional field present, `null` when unset. */
function studyRecommendation(rec: VerifiedRecommendation, rank: number): StudyRecommendation {
  return {
    rank,
    id: rec.id,
    title: rec.title,
    detail: rec.detail,
    severity: rec.severity,
    findings: [...rec.findings],
    action: rec.action?.kind ?? null,
    verdict: rec.verdict,
    reason: rec.reason,
    rejection: rec.rejection ?? null,
    change: rec.change ?? null,
    effect: rec.effect ?? null,
    confidence: rec.confidence ?? null,
    pValue: rec.pValue ?? null,
    adjustedPValue: rec.adjustedPValue ?? null,
    horizon: rec.horizon ?? null,
    horizonReason: rec.horizonReason ?? null,
  };
}

/** Every k-th item so at most `max` remain (the first always kept). */
function downsample<T>(xs: T[], max: number): T[] {
  if (!(max >= 1)) throw new RangeError(`maxWindows must be ≥ 1, got ${max}`);
  if (xs.length <= max) return xs;
  const step = Math.ceil(xs.length / max);
  return xs.filter((_, i) => i % step === 0);
}
