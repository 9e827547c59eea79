import type { LoadImbalance } from "./load-imbalance.js";
import type { SeriesSummary } from "./series-stats.js";
import type { WindowSnapshot } from "./time-windows.js";

/** A named series' summary with its share of its category's requests. */
export interface NamedSeriesSummary extends SeriesSummary {
  name: string;
  /** count / all requests in the category, in [0, 1]. */
  share: number;
}

/** Requests per second, and over what time. */
export interface ThroughputSummary {
  /**
   * `virtual`: from the records' own timestamps (simulation time or trace timestamps);
   * `wall`: from the profiler's clock, since it was created; `none`: no timestamps and wall
   * time not wanted (a trace without timestamps), so elapsed time and rate are `NaN`.
   */
  timeBase: "virtual" | "wall" | "none";
  queries: number;
  elapsedMs: number;
  /** `NaN` when no time elapsed. */
  perSecond: number;
}

/** Cache lookups. */
export interface CacheSummary {
  hits: number;
  misses: number;
  lookups: number;
  /** hits / lookups; `NaN` with no lookups. */
  hitRate: number;
}

/** How much of the time went to routing decisions. */
export interface RoutingOverhead {
  /** The operation name counted as routing, e.g. `route`. */
  operation: string;
  /** Its latency summary; count 0 when never timed. */
  summary: SeriesSummary;
  /** routing time / (routing time + query time), by sums; `NaN` when either is missing. */
  shareOfLatency: number;
}

/**
 * Everything a profiler measured, as plain data (JSON-ready apart from `NaN`, which JSON
 * writes as `null`). Bottleneck rules and report formatters read this, so they work the same
 * on a live, a merged or a deserialised profile.
 */
export interface ProfileReport {
  relativeAccuracy: number;
  /** End-to-end query latency. */
  queries: SeriesSummary;
  /** Every backend call (fan-out, hedges, retries included), merged over backends. */
  calls: SeriesSummary;
  /** calls / queries; `NaN` with no queries. */
  callsPerQuery: number;
  throughput: ThroughputSummary;
  /** Sorted by count, busiest first; share is of all backend calls. */
  backends: NamedSeriesSummary[];
  patterns: NamedSeriesSummary[];
  queryTypes: NamedSeriesSummary[];
  /** Named operations (e.g. `route`); share is of all timed operations. */
  operations: NamedSeriesSummary[];
  cache: CacheSummary;
  backendLoad: LoadImbalance;
  patternLoad: LoadImbalance;
  routing: RoutingOverhead;
  windowMs: number;
  windows: WindowSnapshot[];
}
