/** Notebook 02, strategy comparison: the result it writes and the records inside it. */
import type { BandSeries } from "../../stats/band-series.js";
import type { Estimate } from "../../stats/estimate.js";

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
 * The result of {@link runStrategyComparison}, as written to `results/02-strategy-comparison.json`.
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
