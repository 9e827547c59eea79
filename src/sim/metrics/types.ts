import type { BackendId, QueryType } from "../../routing/types.js";
import type { LatencySummary } from "../../sketch/latency-sketch.js";

/**
 * Totals of one run (one strategy, one repetition). Rates are fractions in [0, 1]; JSON writes
 * an undefined rate (no queries) as null.
 */
export interface RunTotals {
  /** Queries that arrived (and completed: the engine drains every query). */
  queries: number;
  /** Virtual time from the start to the last completion, ms. */
  simulatedMs: number;
  /** Queries answered (not failed) with relevance ≥ the SLO's minRelevance. */
  successRate: number;
  /** Successful queries whose end-to-end latency was within the SLO latency: the objective. */
  sloAttainment: number;
  /**
   * What the pattern-aware oracle expects to attain on the same queries: the mean, over
   * queries, of the oracle's probability that the query meets the SLO under the run's pattern
   * (at that query's type and time).
   */
  oracleSloAttainment: number;
  /** SLO gap to the oracle, per query: `oracleSloAttainment − sloAttainment`. */
  sloGap: number;
  /**
   * Cumulative pseudo-regret of the primary decisions: Σ (best expected reward − expected
   * reward of the chosen backend), rewards being P(request meets the SLO) at decision time.
   */
  regret: number;
  /**
   * Static regret: the expected reward, summed over the run, of the best fixed backend per
   * query type in hindsight, minus that of the primary decisions. Unlike `regret` (against
   * the best backend at each moment) it can be negative when the best backend changes.
   */
  staticRegret: number;
  /** Primary decisions that chose a backend with the best expected reward. */
  bestBackendRate: number;
  /** Backend requests per query (fan-out, retries, hedges; cancelled ones included). */
  callsPerQuery: number;
  /** Requests cancelled per query (hedge losers, stragglers). */
  cancelledPerQuery: number;
  /** Completed requests that failed or timed out, per completed request. */
  requestFailureRate: number;
  /** Completed requests that timed out, per completed request. */
  requestTimeoutRate: number;
  /** End-to-end query latency (sketch-based, 1 % relative error). */
  latency: LatencySummary;
  /** Each backend's share of requests. */
  trafficShare: Record<BackendId, number>;
  /** Queries the result cache answered / queries (0 without a cache). */
  cacheHitRate: number;
  /**
   * Queries answered with a **stale** cached answer / queries: filled before a drift or
   * degradation window changed its backend's model for the query's type.
   */
  staleHitRate: number;
  /** Stale hits that met the SLO / queries: attainment owed to answers the backend no longer gives. */
  staleMetRate: number;
  /**
   * What stale answers cost, in SLO attainment per query: Σ over stale hits of
   * P(a fresh answer from the same backend is relevant now) − [the stale one was], / queries.
   * Negative when the backend got worse and the old answer was the better one.
   */
  staleCost: number;
  /** Set when the scenario has a result cache. */
  cache?: RunCacheTotals;
}

/** A run's result-cache counts. */
export interface RunCacheTotals {
  hits: number;
  staleHits: number;
  /** Per query type: hits / queries of the type; NaN (null in JSON) for a type that never came. */
  hitRateByType: Record<QueryType, number>;
}

/**
 * Curves of one run, downsampled to at most `points` bins of consecutive queries (by arrival
 * order). `regret` is cumulative; the others are per bin, so drift and outages show.
 */
export interface RunCurves {
  /** Queries arrived by the end of each bin (the x axis). */
  queries: number[];
  /** Virtual arrival time of each bin's last query, ms. */
  timeMs: number[];
  regret: number[];
  successRate: number[];
  sloAttainment: number[];
  bestBackendRate: number[];
  callsPerQuery: number[];
  latencyP50: number[];
  latencyP95: number[];
  latencyP99: number[];
  trafficShare: Record<BackendId, number[]>;
}

/** Totals and curves of one run. */
export interface RunMetrics {
  totals: RunTotals;
  curves: RunCurves;
}
