/** Notebook 05, profiler bottlenecks: the result it writes and the records inside it. */
import type { Horizon } from "../../analysis/recommendation-horizon.js";
import type { Verdict } from "../../analysis/what-if-verdict.js";
import type { BottleneckRule, Severity } from "../../profiling/find-bottlenecks.js";
import type { RecommendationAction } from "../../profiling/recommend.js";
import type { WhatIfMetrics } from "../../profiling/what-if-types.js";
import type { Incident } from "../../sim/scenario/incidents.js";

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
 * The result of {@link runProfilerStudy}, as written to `results/05-profiler-bottlenecks.json`.
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
