import { performance } from "node:perf_hooks";
import { LRUCache } from "lru-cache";
import { DelegatingRouter } from "./delegating-router.js";
import { RoutingInputError } from "./errors.js";
import type {
  BackendId,
  Query,
  Router,
  RouterStats,
  RoutingContext,
  RoutingDecision,
} from "./types.js";

/** Options of {@link CachedRouter}. */
export interface DecisionCacheOptions {
  /** Most decisions kept; default 10,000. */
  max?: number;
  /** A cached decision expires after this many ms; default 60,000. */
  ttlMs?: number;
}

/** Hit and miss counts of a decision cache. */
export interface DecisionCacheStats {
  hits: number;
  misses: number;
  /** Queries with no id, text or type: never cached. */
  bypassed: number;
  size: number;
  hitRate: number;
}

/**
 * Wraps a router with an LRU cache of decisions (lru-cache, with a TTL). The key is the query's
 * `id`, else its `text`, else its `type`, plus the available backends; a hit returns the
 * earlier decision without asking the router. Time is `context.now` when given (virtual time in
 * simulations), else `performance.now()`.
 *
 * Caching a learning router freezes its choice for the TTL, which stops exploration for those
 * queries: use it for rule-based routing or measure the trade-off.
 *
 * @example const cached = new CachedRouter(createRouter("rule-based"), { ttlMs: 5_000 });
 */
export class CachedRouter extends DelegatingRouter {
  private readonly cache: LRUCache<string, RoutingDecision>;
  private now = 0;
  private hits = 0;
  private misses = 0;
  private bypassed = 0;
  private lastAvailable: readonly BackendId[] | undefined;
  private lastKey = "";

  /**
   * @param inner the router whose decisions are cached
   * @param options size and TTL
   * @throws {RoutingInputError} when max or ttlMs is not positive
   */
  constructor(inner: Router, options: DecisionCacheOptions = {}) {
    super(inner);
    const max = options.max ?? 10_000;
    const ttl = options.ttlMs ?? 60_000;
    if (!(Number.isInteger(max) && max > 0)) {
      throw new RoutingInputError("cache.max", `must be a positive integer, got ${max}`);
    }
    if (!(ttl > 0) || !Number.isFinite(ttl)) {
      throw new RoutingInputError("cache.ttlMs", `must be a positive number, got ${ttl}`);
    }
    this.cache = new LRUCache<string, RoutingDecision>({
      max,
      ttl,
      ttlResolution: 0,
      perf: { now: () => this.now },
    });
  }

  override select(query: Query, context: RoutingContext): RoutingDecision {
    // +1: lru-cache treats a start time of 0 as "no TTL", and virtual time starts at 0.
    this.now = (context.now ?? performance.now()) + 1;
    const id = query.id ?? query.text ?? query.type;
    if (id === undefined) {
      this.bypassed++;
      return this.inner.select(query, context);
    }
    const key = `${this.availableKey(context.available)}\u0000${id}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) {
      this.hits++;
      return hit;
    }
    this.misses++;
    const d = this.inner.select(query, context);
    this.cache.set(key, d);
    return d;
  }

  /** Hit and miss counts. */
  cacheStats(): DecisionCacheStats {
    const looked = this.hits + this.misses;
    return {
      hits: this.hits,
      misses: this.misses,
      bypassed: this.bypassed,
      size: this.cache.size,
      hitRate: looked > 0 ? this.hits / looked : 0,
    };
  }

  /** Empties the cache (counts are kept). */
  clear(): void {
    this.cache.clear();
  }

  override stats(): RouterStats {
    const s = this.inner.stats();
    return { ...s, details: { ...s.details, cache: this.cacheStats() } };
  }

  /** The available list as a key part, rebuilt only when the list changes. */
  private availableKey(available: readonly BackendId[]): string {
    if (available !== this.lastAvailable) {
      if (!available?.length) {
        throw new RoutingInputError("context.available", "must list at least one backend");
      }
      this.lastAvailable = available;
      this.lastKey = available.join("\u0001");
    }
    return this.lastKey;
  }
}
