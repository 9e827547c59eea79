import { formatPercent } from "../format/number.js";
import type {
  AdviceSettings,
  AdviceVerification,
  CombinedAdvice,
  EffectEstimate,
  RecommendationEffect,
  Rejection,
  VerifiedRecommendation,
} from "../profiling/advice-types.js";
import { describeCallsEffect, describeSloEffect } from "../profiling/format-advice.js";
import type { Recommendation, RecommendationAction } from "../profiling/recommend.js";
import type { WhatIfMetrics } from "../profiling/what-if-types.js";
import { meanInterval } from "../stats/estimate.js";
import { pairedHolm } from "../stats/paired-holm.js";
import { recommendationHorizon } from "./horizon.js";
import { relevantBackendsOfScenario } from "./relevant-backends.js";
import {
  applyAction,
  basePatternLabel,
  simulateRun,
  type WhatIfBase,
  whatIfMetrics,
} from "./what-if.js";

/** Options for {@link verifyAdvice}. */
export interface VerifyAdviceOptions {
  /** The run the profile came from (or a fitted model of it). */
  base: WhatIfBase;
  /** Paired repetitions per candidate; default 5 (at least 2: one run has no spread). */
  reps?: number;
  /** Largest relative rise in calls per query an advised change may cost; default 0.1. */
  callsBudget?: number;
  /** Family-wise error rate of the Holm correction; default 0.05. */
  alpha?: number;
  /**
   * Per query type, the backends that answer it relevantly; default from the scenario's
   * models ({@link relevantBackendsOfScenario}). A change that moves a type off the only one
   * is never advised.
   */
  relevant?: Readonly<Record<string, readonly string[]>>;
  /** What was re-simulated, for the report; default the strategy and pattern. */
  basis?: string;
  /** Set when the scenario was fitted to a trace (see {@link AdviceSettings.fitted}). */
  fitted?: AdviceSettings["fitted"];
}

/** The verified recommendations and how they were verified. */
export interface VerifiedAdvice {
  /** Advised first (largest gain first), then rejected, then unverified (each in rank order). */
  recommendations: VerifiedRecommendation[];
  verification: AdviceVerification;
}

const KINDS_WITHOUT_MODEL: Partial<Record<RecommendationAction["kind"], string>> = {
  "cache-decisions": "the simulator does not model routing time",
};

/**
 * Verifies recommendations against the objective: re-simulates each change over `reps`
 * paired repetitions (repetition r before and after share every random number: arrivals,
 * query types, backend draws) and compares SLO attainment. A change is **advised** only when
 * the paired interval of its SLO attainment gain lies above 0 after a Holm correction for the
 * number of candidates tested (so about 30 candidates do not yield one false "advised" by
 * chance), its calls per query rise by at most the budget, and it moves no query type off the
 * only backend that answers it relevantly. Otherwise it is **rejected**, with its numbers;
 * with a result cache, stale hits count against SLO attainment (see `whatIfMetrics`), so a
 * larger cache that serves more outdated answers is not credited for them;
 * changes the simulator cannot model are **unverified**. Advised changes get a horizon, and
 * are re-simulated all together for the combined effect.
 *
 * @param recommendations candidates, e.g. `analyzeProfile(...).recommendations`
 * @param options the base run, repetitions, budget, family-wise α
 * @returns the verified recommendations and the verification's settings and baseline
 * @throws {RangeError} for fewer than 2 repetitions, a negative budget or α outside (0, 1);
 *   what `runSimulation` throws (bad pattern, unknown strategy)
 * @example verifyAdvice(analysis.recommendations, { base: { scenario, strategy: "rule-based", rounds: 20_000 } })
 */
export function verifyAdvice(
  recommendations: readonly Recommendation[],
  options: VerifyAdviceOptions,
): VerifiedAdvice {
  const started = performance.now();
  const reps = options.reps ?? 5;
  const callsBudget = options.callsBudget ?? 0.1;
  const alpha = options.alpha ?? 0.05;
  if (!(Number.isInteger(reps) && reps >= 2)) {
    throw new RangeError(`reps must be an integer ≥ 2, got ${reps}`);
  }
  if (!(callsBudget >= 0 && Number.isFinite(callsBudget))) {
    throw new RangeError(`callsBudget must be ≥ 0, got ${callsBudget}`);
  }
  const base = options.base;
  const relevant = options.relevant ?? relevantBackendsOfScenario(base.scenario);
  const runs = (run: WhatIfBase) =>
    Array.from({ length: reps }, (_, r) => whatIfMetrics(simulateRun(run, false, r)));
  const before = runs(base);

  interface Tried {
    rec: Recommendation;
    rank: number;
    change?: string;
    after?: WhatIfMetrics[];
    unverified?: string;
    guard?: string;
  }
  const tried: Tried[] = recommendations.map((rec, i) => {
    const t: Tried = { rec, rank: i + 1 };
    if (rec.action === undefined) {
      t.unverified = "no change the simulator can apply";
      return t;
    }
    const noModel = KINDS_WITHOUT_MODEL[rec.action.kind];
    if (noModel !== undefined) {
      t.unverified = noModel;
      return t;
    }
    const applied = applyAction(rec.action, base);
    if (applied === undefined) {
      t.unverified = notApplicable(rec.action, base);
      return t;
    }
    t.change = applied.change;
    t.guard = onlyRelevantGuard([rec.action], relevant);
    t.after = runs(applied.run);
    return t;
  });

  // The Holm family: every re-simulated candidate that could be advised.
  const family = tried.filter((t) => t.after !== undefined && t.guard === undefined);
  const sloDiffs = (t: Tried) =>
    before.map((b, r) => (t.after as WhatIfMetrics[])[r].sloAttainment - b.sloAttainment);
  const tests = pairedHolm(family.map(sloDiffs), alpha);

  const out: VerifiedRecommendation[] = tried.map((t) => {
    if (t.after === undefined) {
      return { ...t.rec, verdict: "unverified", reason: t.unverified ?? "not re-simulated" };
    }
    const k = family.indexOf(t);
    // Guarded candidates are not tested: their interval stays at the family's widest level.
    const confidence = k >= 0 ? tests[k].confidence : 1 - alpha / Math.max(1, family.length);
    const effect = effectOf(before, t.after, confidence);
    const slo = effect.sloAttainment;
    const calls = effect.callsPerQuery;
    const callsRise = calls.after / calls.before - 1;
    const gain = slo.diff.lo > 0;
    const withinBudget = callsRise <= callsBudget + 1e-12;
    const numbers = `${describeSloEffect(slo, confidence)}; ${describeCallsEffect(calls, callsBudget)}`;
    const rejection: Rejection | undefined =
      t.guard !== undefined
        ? "only-relevant-backend"
        : !gain
          ? "no-gain"
          : !withinBudget
            ? "over-budget"
            : undefined;
    const v: VerifiedRecommendation = {
      ...t.rec,
      verdict: rejection === undefined ? "advised" : "rejected",
      reason:
        rejection === undefined || rejection === "no-gain"
          ? numbers
          : rejection === "only-relevant-backend"
            ? `${t.guard}; ${numbers}`
            : `calls per query rise ${formatPercent(callsRise)}, over the +${formatPercent(callsBudget, 0)} budget; ${numbers}`,
      ...(rejection === undefined ? {} : { rejection }),
      change: t.change,
      effect,
      ...(k >= 0 ? { pValue: tests[k].pValue, adjustedPValue: tests[k].adjustedPValue } : {}),
      confidence,
    };
    if (rejection === undefined && t.rec.action !== undefined) {
      const h = recommendationHorizon(t.rec.action.kind);
      v.horizon = h.horizon;
      v.horizonReason = h.reason;
    }
    return v;
  });

  const advised = out
    .filter((r) => r.verdict === "advised")
    .sort(
      (a, b) => (b.effect?.sloAttainment.diff.mean ?? 0) - (a.effect?.sloAttainment.diff.mean ?? 0),
    );
  const afterRuns = new Map(
    tried.flatMap((t) => (t.after === undefined ? [] : [[t.rec.id, t.after] as const])),
  );
  const combined = combine(advised, base, relevant, before, runs, afterRuns);
  const settings: AdviceSettings = {
    reps,
    rounds: base.rounds,
    seed: base.seed ?? 42,
    callsBudget,
    alpha,
    tested: family.length,
    basis:
      options.basis ??
      `${typeof base.strategy === "string" ? base.strategy : base.strategy.name} (${basePatternLabel(base)})`,
    ...(options.fitted === undefined ? {} : { fitted: options.fitted }),
  };
  return {
    recommendations: [
      ...advised,
      ...out.filter((r) => r.verdict === "rejected"),
      ...out.filter((r) => r.verdict === "unverified"),
    ],
    verification: {
      settings,
      baseline: {
        sloAttainment: meanInterval(before.map((m) => m.sloAttainment)),
        callsPerQuery: meanInterval(before.map((m) => m.callsPerQuery)),
      },
      ...(combined === undefined ? {} : { combined }),
      notes: [],
      elapsedMs: performance.now() - started,
    },
  };
}

/**
 * Marks recommendations unverified, for profiles where nothing can be re-simulated.
 *
 * @param recommendations the candidates
 * @param reason why, naming what would allow verification (e.g. a trace column)
 * @returns the recommendations with verdict `unverified`
 */
export function unverified(
  recommendations: readonly Recommendation[],
  reason: string,
): VerifiedRecommendation[] {
  return recommendations.map((r) => ({ ...r, verdict: "unverified", reason }));
}

/** Why a change does not apply to this run. */
function notApplicable(action: RecommendationAction, base: WhatIfBase): string {
  switch (action.kind) {
    case "prior":
    case "retune-discount":
      return `the strategy ${typeof base.strategy === "string" ? base.strategy : base.strategy.name} does not learn from outcomes`;
    case "switch-strategy":
      return `${action.to} is the strategy already in use`;
    case "shift-traffic":
      return `${action.from}${action.queryType === undefined ? "" : ` or ${action.queryType}`} is not in the scenario`;
    case "grow-cache":
      return "the scenario has no result cache to grow";
    default:
      return "the change does not apply to this run";
  }
}

/**
 * Whether some actions together move a query type's traffic off every backend that answers
 * it relevantly.
 *
 * @returns the reason, or undefined when no type loses its last relevant backend
 */
function onlyRelevantGuard(
  actions: readonly RecommendationAction[],
  relevant: Readonly<Record<string, readonly string[]>>,
): string | undefined {
  for (const [type, backends] of Object.entries(relevant)) {
    if (backends.length === 0) continue;
    const left = backends.filter(
      (b) =>
        !actions.some(
          (a) =>
            a.kind === "shift-traffic" &&
            a.from === b &&
            (a.queryType === undefined || a.queryType === type),
        ),
    );
    if (left.length === 0) {
      return backends.length === 1
        ? `${backends[0]} is the only backend that answers ${type} queries relevantly`
        : `it leaves no backend that answers ${type} queries relevantly (${backends.join(", ")})`;
    }
  }
  return undefined;
}

/** Paired effect of a change; SLO attainment's interval at `confidence`, the others at 95 %. */
function effectOf(
  before: readonly WhatIfMetrics[],
  after: readonly WhatIfMetrics[],
  confidence: number,
): RecommendationEffect {
  const est = (f: (m: WhatIfMetrics) => number, c = 0.95): EffectEstimate => ({
    before: mean(before.map(f)),
    after: mean(after.map(f)),
    diff: meanInterval(
      before.map((b, r) => f(after[r]) - f(b)),
      c,
    ),
  });
  return {
    sloAttainment: est((m) => m.sloAttainment, confidence),
    callsPerQuery: est((m) => m.callsPerQuery),
    successRate: est((m) => m.successRate),
    p99: est((m) => m.p99),
  };
}

function mean(xs: readonly number[]): number {
  const ys = xs.filter((x) => !Number.isNaN(x));
  return ys.length === 0 ? Number.NaN : ys.reduce((a, b) => a + b, 0) / ys.length;
}

/** The settings a change takes, so two changes of the same setting are not both applied. */
function slots(a: RecommendationAction): string[] {
  switch (a.kind) {
    case "hedge":
      return ["pattern"];
    case "retry":
      return ["pattern", "timeout"];
    case "timeout":
      return ["timeout"];
    case "switch-strategy":
      return ["strategy"];
    case "prior":
    case "retune-discount":
      return [`learning:${a.kind}`];
    case "shift-traffic":
      return [`shift:${a.from}:${a.queryType ?? "*"}`];
    default:
      return [a.kind];
  }
}

/**
 * All advised changes applied together, largest gain first; a change that sets what an
 * earlier one set (two patterns, two strategies) or that would leave a type without a
 * relevant backend is left out. Re-simulated on the same paired repetitions.
 */
function combine(
  advised: readonly VerifiedRecommendation[],
  base: WhatIfBase,
  relevant: Readonly<Record<string, readonly string[]>>,
  before: readonly WhatIfMetrics[],
  runs: (run: WhatIfBase) => WhatIfMetrics[],
  afterRuns: ReadonlyMap<string, WhatIfMetrics[]>,
): CombinedAdvice | undefined {
  if (advised.length === 0) return undefined;
  const taken = new Set<string>();
  const actions: RecommendationAction[] = [];
  const ids: string[] = [];
  const changes: string[] = [];
  let run = base;
  for (const rec of advised) {
    const a = rec.action;
    if (a === undefined) continue;
    const s = slots(a);
    if (s.some((x) => taken.has(x))) continue;
    if (onlyRelevantGuard([...actions, a], relevant) !== undefined) continue;
    const applied = applyAction(a, run);
    if (applied === undefined) continue;
    for (const x of s) taken.add(x);
    actions.push(a);
    ids.push(rec.id);
    changes.push(applied.change);
    run = applied.run;
  }
  if (ids.length === 0) return undefined;
  // One change alone: its own runs are the combined runs (its interval back at 95 %).
  const own = ids.length === 1 ? afterRuns.get(ids[0]) : undefined;
  return { ids, changes, effect: effectOf(before, own ?? runs(run), 0.95) };
}
