import { createStream } from "../../random/index.js";
import { compileDistribution } from "../distribution/compile.js";
import type { CompiledScenario } from "../model/compiled-scenario.js";
import { rampWeight } from "../model/timeline.js";
import type { CacheSpec } from "../scenario/spec.js";
import type { EvictionPolicy } from "./eviction-policy.js";
import { LfuPolicy } from "./lfu-policy.js";
import { LruPolicy } from "./lru-policy.js";
import { ModelChanges } from "./model-changes.js";

/**
 * The eviction policy a cache spec names.
 *
 * @param spec the scenario's cache
 * @param keys distinct queries in the catalogue
 * @returns the policy
 */
export function evictionPolicy(spec: CacheSpec, keys: number): EvictionPolicy {
  switch (spec.policy) {
    case "lru":
      return new LruPolicy(spec.capacity, keys);
    case "ttl-lru":
      return new LruPolicy(spec.capacity, keys, { ttlMs: spec.ttlMs });
    case "fifo":
      return new LruPolicy(spec.capacity, keys, { fifo: true });
    case "lfu":
      return new LfuPolicy(spec.capacity, keys);
  }
}

/**
 * A scenario's result cache for one run: the policy's membership plus, per catalogue key,
 * the answer that filled it (relevance, backend, time). After a hit, {@link relevance},
 * {@link latency}, {@link stale} and {@link staleCost} describe it.
 */
export class ResultCache {
  /** Per query type index: 1 when its answers may be cached. */
  readonly cacheable: Uint8Array;
  /** The last hit's cached relevance. */
  relevance = 0;
  /** The last hit's latency, ms. */
  latency = 0;
  /** Whether the last hit served a stale answer (see {@link ModelChanges}). */
  stale = false;
  /**
   * For a stale hit: P(a fresh answer from the same backend meets the SLO's relevance now)
   * − [the cached answer does]; 0 otherwise. Positive when staleness cost the caller.
   */
  staleCost = 0;

  private readonly policy: EvictionPolicy;
  private readonly filledRelevance: Float64Array;
  private readonly filledBackend: Int32Array;
  private readonly filledAt: Float64Array;
  private readonly changes: ModelChanges;
  private readonly hitLatency: () => number;
  private readonly compiled: CompiledScenario;
  private readonly minRelevance: number;

  /**
   * @param compiled the scenario (with a `cache` and `workload.repeats`)
   * @param seed the run's root seed
   * @param repetition the repetition (hit latencies come from their own stream)
   * @throws {Error} when the scenario has no cache or no repeats (validation refuses both)
   */
  constructor(compiled: CompiledScenario, seed: number, repetition: number) {
    const spec = compiled.scenario.cache;
    const keys = compiled.scenario.workload.repeats?.distinctQueries;
    if (spec === undefined || keys === undefined) {
      throw new Error("a result cache needs the scenario's cache and workload.repeats");
    }
    this.compiled = compiled;
    this.minRelevance = compiled.scenario.slo.minRelevance;
    this.policy = evictionPolicy(spec, keys);
    this.cacheable = Uint8Array.from(compiled.types, (t) =>
      spec.types === undefined || spec.types.includes(t) ? 1 : 0,
    );
    this.filledRelevance = new Float64Array(keys);
    this.filledBackend = new Int32Array(keys);
    this.filledAt = new Float64Array(keys);
    this.changes = new ModelChanges(compiled);
    this.hitLatency = compileDistribution(spec.hitLatencyMs).sampler(
      createStream(seed, repetition, "cache-hit-latency").source,
    );
  }

  /** Entries held. */
  get size(): number {
    return this.policy.size;
  }

  /**
   * Looks a query up; on a hit, sets {@link relevance}, {@link latency}, {@link stale} and
   * {@link staleCost}.
   *
   * @param key the catalogue index of the query
   * @param ty its type index
   * @param now virtual time, ms
   * @param segment the timeline segment containing `now`
   * @returns whether the cache answers
   */
  lookup(key: number, ty: number, now: number, segment: number): boolean {
    if (!this.policy.lookup(key, now)) return false;
    const rel = this.filledRelevance[key];
    const b = this.filledBackend[key];
    this.relevance = rel;
    this.latency = this.hitLatency();
    this.stale = b >= 0 && this.changes.changedBetween(b, ty, this.filledAt[key], now);
    this.staleCost = this.stale
      ? this.freshRelevant(b, ty, now, segment) - (rel >= this.minRelevance ? 1 : 0)
      : 0;
    return true;
  }

  /**
   * Stores a completed answer (the caller leaves failed and timed-out ones out).
   *
   * @param key the catalogue index of the query
   * @param relevance the answer's relevance
   * @param backend index of the backend whose answer it is (−1 when unknown)
   * @param now virtual time, ms
   */
  fill(key: number, relevance: number, backend: number, now: number): void {
    this.filledRelevance[key] = relevance;
    this.filledBackend[key] = backend;
    this.filledAt[key] = now;
    this.policy.insert(key, now);
  }

  /** P(relevance ≥ the SLO's bound) of backend b's model for type ty at `now` (ramps mixed). */
  private freshRelevant(b: number, ty: number, now: number, segment: number): number {
    const c = this.compiled;
    const ph = c.phases[segment * c.backends.length + b];
    const from = c.states[b][ph.from].relevance[ty].probAtLeast(this.minRelevance);
    if (ph.to < 0) return from;
    const to = c.states[b][ph.to].relevance[ty].probAtLeast(this.minRelevance);
    return from + rampWeight(ph, now) * (to - from);
  }
}
