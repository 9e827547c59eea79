import { createStream } from "../../random/index.js";
import type { CachePolicy } from "../scenario/spec.js";
import { zipfPopularities } from "./approximations.js";
import { evictionPolicy } from "./result-cache.js";

/** Options of {@link irmHitRate}. */
export interface IrmOptions {
  policy: Exclude<CachePolicy, "ttl-lru">;
  /** Distinct items. */
  items: number;
  zipfExponent: number;
  capacity: number;
  /** Requests counted (after the warm-up). */
  requests: number;
  /** Requests before counting starts, so the cache is full; default 10 × capacity. */
  warmup?: number;
  seed?: number;
}

/**
 * Simulates a cache policy under the independent reference model: each request is item k
 * with Zipf probability, independently of the others, and a miss inserts the item at once.
 * This is the model Che's and the FIFO approximations describe (see approximations.ts),
 * run on the same eviction policies as the engine's result cache.
 *
 * @param options policy, catalogue, capacity, requests, seed
 * @returns hits / requests counted
 * @example irmHitRate({ policy: "lru", items: 10_000, zipfExponent: 1, capacity: 1_000, requests: 1e6 })
 */
export function irmHitRate(options: IrmOptions): number {
  const { items, capacity, requests } = options;
  const p = zipfPopularities(items, options.zipfExponent);
  const cumulative = new Float64Array(items);
  let acc = 0;
  for (let k = 0; k < items; k++) cumulative[k] = acc += p[k];
  cumulative[items - 1] = 1;
  const cache = evictionPolicy(
    { capacity, policy: options.policy, hitLatencyMs: { type: "constant", value: 0 } },
    items,
  );
  const rng = createStream(options.seed ?? 42, "irm", options.policy);
  const warmup = options.warmup ?? 10 * capacity;
  let hits = 0;
  for (let i = 0; i < warmup + requests; i++) {
    const u = rng.next();
    let lo = 0;
    let hi = items - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    if (cache.lookup(lo, i)) {
      if (i >= warmup) hits++;
    } else {
      cache.insert(lo, i);
    }
  }
  return hits / requests;
}
