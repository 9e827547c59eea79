/** What notebook 11's study finds. */
import type { BatchRoutingResult } from "../../bench/batch-routing.js";
import type { CachePolicy } from "../../sim/scenario/spec.js";
import type { Estimate } from "../../stats/estimate.js";
import type { CachingStudyPlan } from "./plan.js";

/** One policy at one capacity, over the plan's repetitions. */
export interface HitRateRow {
  policy: CachePolicy;
  capacity: number;
  /** Capacity / distinct queries of the catalogue. */
  share: number;
  hitRate: Estimate;
  staleHitRate: Estimate;
  sloAttainment: Estimate;
}

/** The independent-reference-model approximations at one capacity, for the scenario's catalogue. */
export interface TheoryRow {
  capacity: number;
  /** Che's approximation (LRU). */
  che: number;
  /** The FIFO approximation. */
  fifo: number;
}

/** One configuration's outcome: the one objective and the latency it was reached with. */
export interface CacheOutcome {
  /** `no cache`, or the cache as `policy capacity`. */
  label: string;
  cacheHitRate: Estimate;
  sloAttainment: Estimate;
  latencyMeanMs: Estimate;
  latencyP50Ms: Estimate;
  latencyP99Ms: Estimate;
}

/** Staleness under the scenario's drift, per policy at the scenario's capacity. */
export interface StalenessRow {
  policy: CachePolicy;
  capacity: number;
  hitRate: Estimate;
  /** Queries answered with a stale cached answer / queries. */
  staleHitRate: Estimate;
  /** Stale hits that met the SLO / queries. */
  staleMetRate: Estimate;
  /** SLO attainment per query that stale answers cost (negative: the old answer was better). */
  staleCost: Estimate;
  sloAttainment: Estimate;
}

/** The old "10–100×" claim, checked two ways (first repetition, same seed with and without cache). */
export interface SpeedupCheck {
  /** The queries the cache answered in the cached run. */
  repeatedQueries: number;
  /** Their mean latency as cache hits, ms. */
  hitLatencyMeanMs: number;
  /** The same queries' mean latency when routed (the run without cache, same arrivals), ms. */
  routedLatencyMeanMs: number;
  /** routed / hit, on the repeated queries alone. */
  repeatedMeanRatio: number;
  /** Medians of the same two latency lists, routed / hit. */
  repeatedMedianRatio: number;
  /** Whole workload: mean latency without cache / with cache (means over repetitions). */
  workloadMeanRatio: number;
  /** Whole workload: p50 latency without / with. */
  workloadP50Ratio: number;
  /** Whole workload: p99 latency without / with. */
  workloadP99Ratio: number;
}

/** Batch routing ratios and where they came from. */
export interface BatchCheck {
  /** `bench`: read from a bench result passed in; `measured`: by this study with the plan's sizes. */
  source: "bench" | "measured";
  measurement: BatchRoutingResult;
  /** Per strategy: one-at-a-time time per decision, ns (1e9 / its median rate). */
  nsPerDecision: Record<string, number>;
  /**
   * Per strategy: the most batching could gain if it removed the whole fixed cost of a select
   * call, nsPerDecision / (nsPerDecision − fixedCostPerCallNs).
   */
  ceiling: Record<string, number>;
}

/** What {@link runCachingStudy} found. */
export interface CachingStudyResult {
  plan: CachingStudyPlan;
  /** The old system's claims. */
  claims: {
    cacheSpeedup: { low: number; high: number };
    batchThroughput: { low: number; high: number };
  };
  /** The scenario's repeats catalogue and its cache as written. */
  catalogue: { distinctQueries: number; zipfExponent: number };
  baseCache: { policy: CachePolicy; capacity: number };
  hitRates: HitRateRow[];
  theory: TheoryRow[];
  /**
   * Without the cache, then with the scenario's cache; `sloChange` is with minus without,
   * paired by repetition (the same seeds, so the same queries at the same times).
   */
  withWithout: { without: CacheOutcome; with: CacheOutcome; sloChange: Estimate };
  staleness: StalenessRow[];
  speedup: SpeedupCheck;
  batch: BatchCheck;
}
