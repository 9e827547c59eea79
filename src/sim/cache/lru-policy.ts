import { LRUCache } from "lru-cache";
import type { EvictionPolicy } from "./eviction-policy.js";

/**
 * LRU (optionally with a TTL) and FIFO on lru-cache, in virtual time: its clock is the `perf`
 * option, read at every operation (`ttlResolution: 0`), and expired entries are dropped when
 * looked up (no `ttlAutopurge`, whose timers run in wall-clock time).
 *
 * FIFO is the same list without the promotion on a hit: a lookup with `has` leaves the
 * order alone, and a key is `set` only when absent, so eviction follows insertion order.
 */
export class LruPolicy implements EvictionPolicy {
  private readonly cache: LRUCache<number, number>;
  private clock = 0;

  /**
   * @param capacity entries kept
   * @param options `ttlMs` for an expiring LRU; `fifo` for first-in, first-out
   */
  constructor(
    capacity: number,
    private readonly options: { ttlMs?: number; fifo?: boolean } = {},
  ) {
    this.cache = new LRUCache<number, number>({
      max: capacity,
      ...(options.ttlMs === undefined ? {} : { ttl: options.ttlMs, ttlResolution: 0 }),
      ttlAutopurge: false,
      perf: { now: () => this.clock },
    });
  }

  get size(): number {
    return this.cache.size;
  }

  lookup(key: number, now: number): boolean {
    // +1: lru-cache reads a start time of 0 as "no TTL", and virtual time starts at 0.
    this.clock = now + 1;
    return this.options.fifo === true ? this.cache.has(key) : this.cache.get(key) !== undefined;
  }

  insert(key: number, now: number): void {
    this.clock = now + 1;
    if (this.options.fifo === true && this.cache.has(key)) return;
    this.cache.set(key, key);
  }
}
