/** Notebook 05, profiler bottlenecks: the result it writes and the records inside it. */
import type {
  AdviceSettings,
  CombinedAdvice,
  Horizon,
  RecommendationEffect,
  Rejection,
  Verdict,
} from "../../profiling/advice-types.js";
import type { BottleneckRule, Severity } from "../../profiling/find-bottlenecks.js";
import type { RecommendationAction } from "../../profiling/recommend.js";
import type { Incident } from "../../sim/scenario/incidents.js";
import type { Estimate } from "../../stats/estimate.js";

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

/**
 * A recommendation as verification judged it: re-simulated over paired repetitions (common
 * random numbers) and advised only when SLO attainment rose with a Holm-corrected interval
 * above 0 within the calls budget (see `verifyAdvice`).
 */
export interface StudyRecommendation {
  /** 1 = most urgent (the order of the findings behind it), whatever the verdict. */
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
  /** One line: the numbers behind the verdict, or why there are none. */
  reason: string;
  /** Rejected ones: the first check that failed; otherwise `null`. */
  rejection: Rejection | null;
  /** What was re-simulated, e.g. `hedge after 198 ms`; `null` when unverified. */
  change: string | null;
  /**
   * SLO attainment, calls per query, success rate (fractions) and p99 (ms) before and after,
   * with the paired difference; `null` when unverified.
   */
  effect: RecommendationEffect | null;
  /** Confidence of `effect.sloAttainment.diff`'s interval after the Holm correction. */
  confidence: number | null;
  /** Two-sided p-value of the SLO attainment difference, and Holm-adjusted; `null` when untested. */
  pValue: number | null;
  adjustedPValue: number | null;
  /** Advised ones only (`horizon` in `src/analysis/horizon.ts`); otherwise `null`. */
  horizon: Horizon | null;
  /** Why this horizon, in words. */
  horizonReason: string | null;
}

/** How the recommendations were verified, and what all advised changes do together. */
export interface StudyAdvice {
  /** Repetitions, rounds, seed, calls budget, α, candidates tested, what was re-simulated. */
  settings: Omit<AdviceSettings, "fitted">;
  /** SLO attainment and calls per query of the unchanged runs (mean and 95 % interval). */
  baseline: { sloAttainment: Estimate; callsPerQuery: Estimate };
  /** All advised changes re-simulated together; `null` when none was advised. */
  combined: CombinedAdvice | null;
  /** Notes for the reader. */
  notes: string[];
}

/**
 * The result of {@link runProfilerStudy}, as written to `results/05-profiler-bottlenecks.json`.
 * Every number is a pure function of (scenario, strategy, pattern, rounds, seed) except
 * `wallMs` and the routing-time and verification-time lines inside `reportMarkdown`, which
 * are wall-clock. Version 2 carries verified advice (version 1 had single-run what-ifs).
 */
export interface ProfilerStudyResult {
  format: "routing-lab/profiler-study";
  version: 2;
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
  /**
   * Recommendations as verified: advised first (largest SLO attainment gain first), then
   * rejected, then unverified (each in rank order).
   */
  recommendations: StudyRecommendation[];
  /** How they were verified, the unchanged baseline, and the combined effect of the advised. */
  advice: StudyAdvice;
  /** The profiler's own markdown sections (latency tables, bottlenecks, verified advice). */
  reportMarkdown: string;
  /** Wall-clock time: the profiled run and the verification's re-simulations (not reproducible). */
  wallMs: { profile: number; verify: number };
}
