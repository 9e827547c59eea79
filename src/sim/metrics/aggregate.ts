import type { BackendId, QueryType } from "../../routing/types.js";
import type { LatencySummary } from "../../sketch/latency-sketch.js";
import { type BandSeries, bandSeries } from "../../stats/band-series.js";
import { type Estimate, meanInterval } from "../../stats/estimate.js";
import type { RunCurves, RunTotals } from "./types.js";

/** {@link RunTotals} over repetitions: every number becomes a {@link Estimate}. */
export interface AggregateTotals {
  queries: Estimate;
  simulatedMs: Estimate;
  successRate: Estimate;
  sloAttainment: Estimate;
  oracleSloAttainment: Estimate;
  sloGap: Estimate;
  regret: Estimate;
  staticRegret: Estimate;
  bestBackendRate: Estimate;
  callsPerQuery: Estimate;
  cancelledPerQuery: Estimate;
  requestFailureRate: Estimate;
  requestTimeoutRate: Estimate;
  latency: Record<keyof LatencySummary, Estimate>;
  trafficShare: Record<BackendId, Estimate>;
  cacheHitRate: Estimate;
  staleHitRate: Estimate;
  staleMetRate: Estimate;
  staleCost: Estimate;
  /** Per query type, the share its queries the cache answered; only with a result cache. */
  cacheHitRateByType?: Record<QueryType, Estimate>;
}

/** {@link RunCurves} over repetitions: every curve becomes a {@link BandSeries}. */
export interface AggregateCurves {
  /** Queries arrived by the end of each bin (identical in every repetition). */
  queries: number[];
  timeMs: BandSeries;
  regret: BandSeries;
  successRate: BandSeries;
  sloAttainment: BandSeries;
  bestBackendRate: BandSeries;
  callsPerQuery: BandSeries;
  latencyP50: BandSeries;
  latencyP95: BandSeries;
  latencyP99: BandSeries;
  trafficShare: Record<BackendId, BandSeries>;
}

const SCALARS = [
  "queries",
  "simulatedMs",
  "successRate",
  "sloAttainment",
  "oracleSloAttainment",
  "sloGap",
  "regret",
  "staticRegret",
  "bestBackendRate",
  "callsPerQuery",
  "cancelledPerQuery",
  "requestFailureRate",
  "requestTimeoutRate",
  "cacheHitRate",
  "staleHitRate",
  "staleMetRate",
  "staleCost",
] as const;

const SERIES = [
  "timeMs",
  "regret",
  "successRate",
  "sloAttainment",
  "bestBackendRate",
  "callsPerQuery",
  "latencyP50",
  "latencyP95",
  "latencyP99",
] as const;

/**
 * Aggregates the totals of several repetitions into means with 95 % bands.
 *
 * @param runs one entry per repetition (at least one)
 * @returns the bands
 * @example aggregateTotals(results.map((r) => r.totals)).regret.mean
 */
export function aggregateTotals(runs: readonly RunTotals[]): AggregateTotals {
  const pick = (f: (t: RunTotals) => number) => meanInterval(runs.map(f));
  const out = {} as AggregateTotals;
  for (const k of SCALARS) out[k] = pick((t) => t[k]);
  const latency = {} as Record<keyof LatencySummary, Estimate>;
  for (const k of Object.keys(runs[0].latency) as (keyof LatencySummary)[]) {
    latency[k] = pick((t) => t.latency[k]);
  }
  out.latency = latency;
  out.trafficShare = {};
  for (const id of Object.keys(runs[0].trafficShare)) {
    out.trafficShare[id] = pick((t) => t.trafficShare[id]);
  }
  const cache = runs[0].cache;
  if (cache !== undefined) {
    out.cacheHitRateByType = {};
    for (const ty of Object.keys(cache.hitRateByType)) {
      out.cacheHitRateByType[ty] = pick((t) => t.cache?.hitRateByType[ty] ?? Number.NaN);
    }
  }
  return out;
}

/**
 * Aggregates the curves of several repetitions point by point.
 *
 * @param runs one entry per repetition (at least one, all with the same bins)
 * @returns the band series
 * @example aggregateCurves(results.map((r) => r.curves)).regret.hi
 */
export function aggregateCurves(runs: readonly RunCurves[]): AggregateCurves {
  const out = { queries: runs[0].queries.slice() } as AggregateCurves;
  for (const k of SERIES) out[k] = bandSeries(runs.map((r) => r[k]));
  out.trafficShare = {};
  for (const id of Object.keys(runs[0].trafficShare)) {
    out.trafficShare[id] = bandSeries(runs.map((r) => r.trafficShare[id]));
  }
  return out;
}
