/** Notebook 03, execution patterns: the result it writes and the records inside it. */

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
 * The result of {@link runExecutionPatterns}, as written to `results/03-execution-patterns.json`.
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
