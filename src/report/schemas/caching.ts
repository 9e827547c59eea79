/** Schema of `11-caching.json` ({@link CachingStudyResult}, notebook 11). */
import { z } from "zod";
import type { CachingStudyResult } from "../../studies/index.js";
import type { Assignable } from "./agree.js";
import { jsonNumber } from "./json-number.js";
import { estimateSchema } from "./shared.js";

const policy = z.enum(["lru", "lfu", "fifo", "ttl-lru"]);
const claim = z.object({ low: z.number(), high: z.number() });
const rate = z.object({ median: jsonNumber, min: jsonNumber, max: jsonNumber });
const outcome = z.object({
  label: z.string(),
  cacheHitRate: estimateSchema,
  sloAttainment: estimateSchema,
  latencyMeanMs: estimateSchema,
  latencyP50Ms: estimateSchema,
  latencyP99Ms: estimateSchema,
});

export const cachingSchema = z.object({
  plan: z.object({
    scenarioFile: z.string(),
    strategy: z.string(),
    rounds: z.number(),
    reps: z.number(),
    seed: z.number(),
    policies: z.array(policy),
    capacities: z.array(z.number()),
    ttlMs: z.number(),
    batch: z.object({
      strategies: z.array(z.string()),
      batchSizes: z.array(z.number()),
      runs: z.number(),
      timeMs: z.number(),
    }),
  }),
  claims: z.object({ cacheSpeedup: claim, batchThroughput: claim }),
  catalogue: z.object({ distinctQueries: z.number(), zipfExponent: z.number() }),
  baseCache: z.object({ policy, capacity: z.number() }),
  hitRates: z.array(
    z.object({
      policy,
      capacity: z.number(),
      share: jsonNumber,
      hitRate: estimateSchema,
      staleHitRate: estimateSchema,
      sloAttainment: estimateSchema,
    }),
  ),
  theory: z.array(z.object({ capacity: z.number(), che: jsonNumber, fifo: jsonNumber })),
  withWithout: z.object({ without: outcome, with: outcome, sloChange: estimateSchema }),
  staleness: z.array(
    z.object({
      policy,
      capacity: z.number(),
      hitRate: estimateSchema,
      staleHitRate: estimateSchema,
      staleMetRate: estimateSchema,
      staleCost: estimateSchema,
      sloAttainment: estimateSchema,
    }),
  ),
  speedup: z.object({
    repeatedQueries: z.number(),
    hitLatencyMeanMs: jsonNumber,
    routedLatencyMeanMs: jsonNumber,
    repeatedMeanRatio: jsonNumber,
    repeatedMedianRatio: jsonNumber,
    workloadMeanRatio: jsonNumber,
    workloadP50Ratio: jsonNumber,
    workloadP99Ratio: jsonNumber,
  }),
  batch: z.object({
    source: z.enum(["bench", "measured"]),
    measurement: z.object({
      decisionsPerCall: z.number(),
      rows: z.array(
        z.object({ strategy: z.string(), batchSize: z.number(), decisionsPerSecond: rate }),
      ),
      oneAtATime: z.array(z.object({ strategy: z.string(), decisionsPerSecond: rate })),
      fixedCostPerCallNs: jsonNumber,
      bestRatio: z.record(z.string(), jsonNumber),
    }),
    nsPerDecision: z.record(z.string(), jsonNumber),
    ceiling: z.record(z.string(), jsonNumber),
  }),
});

export type _CachingToType = Assignable<z.output<typeof cachingSchema>, CachingStudyResult>;
export type _CachingFromType = Assignable<CachingStudyResult, z.output<typeof cachingSchema>>;
