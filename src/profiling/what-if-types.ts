/** The numbers a what-if compares, for one simulated run. */
export interface WhatIfMetrics {
  queries: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  p999: number;
  /** Failed (error or timeout) backend requests / completed requests. */
  errorRate: number;
  /** Backend calls per query: fan-out, hedges and retries make it exceed 1. */
  callsPerQuery: number;
  /** `NaN` when the run used no cache. */
  cacheHitRate: number;
  /** Queries meeting the SLO (latency and relevance) / queries; `NaN` when unknown. */
  sloAttainment: number;
  /** Queries answered relevantly, however late / queries; `NaN` when unknown. */
  successRate: number;
  /** Busiest backend's share of requests / fair share (1 = even). */
  peakToFair: number;
}

/** The metric a recommendation claims to improve, and which way. */
export interface WhatIfClaim {
  metric: keyof WhatIfMetrics;
  better: "lower" | "higher";
}

/** A recommendation re-simulated: the same scenario, seed and workload, before and after. */
export interface WhatIfOutcome {
  recommendationId: string;
  /** What changed, e.g. `hedge after 35.2 ms`. */
  change: string;
  claim: WhatIfClaim;
  before: WhatIfMetrics;
  after: WhatIfMetrics;
  /** Whether the claimed metric moved the claimed way. */
  improved: boolean;
  /**
   * Set when the change costs SLO attainment (latency and relevance together) by at least
   * one percentage point, e.g. moving traffic to faster but less relevant backends.
   */
  tradeOff?: string;
  /** e.g. `hedge after 35.2 ms: p99 410 → 96.0 ms, +5.1 % backend calls`. */
  summary: string;
}
