import type { EvictionPolicy } from "./eviction-policy.js";

/**
 * LRU (optionally with a TTL) and FIFO over a doubly linked list of keys in typed arrays
 * indexed by the catalogue key, in virtual time. It makes the same choices as lru-cache (the
 * project's cache library) configured for virtual time, which the tests hold it to operation
 * by operation on random sequences: a hit moves the key to the most-recent end (FIFO leaves
 * the order alone); a fill of a present key refreshes it and restarts its TTL; a fill of an
 * absent key into a full cache evicts the least recently used (FIFO: the oldest) entry; an
 * entry past its TTL misses and is dropped when looked up, and a hit does not extend it.
 *
 * Why hand-written: lru-cache keys its entries by a Map and reads an options object on every
 * `set`; under `routing-lab bench --only simulationSpeed` those cost ≈ 9 % of a simulated
 * query on cached.json (a perf profile: the Map's lookups, deletes and sets, and `set`
 * itself), about 90 ns, where this list costs a few array reads and writes and allocates
 * nothing. Keys are dense (0 … keys − 1), so arrays replace the map.
 */
export class LruPolicy implements EvictionPolicy {
  /** Neighbours in the list (towards the oldest, towards the newest); −1 at the ends. */
  private readonly older: Int32Array;
  private readonly newer: Int32Array;
  private readonly present: Uint8Array;
  /** When each entry was last filled (virtual ms), for the TTL. */
  private readonly filled: Float64Array;
  private readonly ttl: number;
  private readonly fifo: boolean;
  private oldest = -1;
  private newest = -1;
  private n = 0;

  /**
   * @param capacity entries kept
   * @param keys number of distinct keys (keys are 0 … keys − 1)
   * @param options `ttlMs` for an expiring LRU; `fifo` for first-in, first-out
   */
  constructor(
    private readonly capacity: number,
    keys: number,
    options: { ttlMs?: number; fifo?: boolean } = {},
  ) {
    this.older = new Int32Array(keys);
    this.newer = new Int32Array(keys);
    this.present = new Uint8Array(keys);
    this.filled = new Float64Array(keys);
    this.ttl = options.ttlMs ?? Number.POSITIVE_INFINITY;
    this.fifo = options.fifo === true;
  }

  get size(): number {
    return this.n;
  }

  lookup(key: number, now: number): boolean {
    if (this.present[key] === 0) return false;
    // As lru-cache's clock (virtual time + 1), so the comparison rounds as it does there.
    if (now + 1 - (this.filled[key] + 1) > this.ttl) {
      this.unlink(key);
      return false;
    }
    if (!this.fifo) this.touch(key);
    return true;
  }

  insert(key: number, now: number): void {
    if (this.present[key] === 1) {
      if (this.fifo) return;
      this.filled[key] = now;
      this.touch(key);
      return;
    }
    if (this.n >= this.capacity) this.unlink(this.oldest);
    this.present[key] = 1;
    this.filled[key] = now;
    this.n++;
    this.append(key);
  }

  /** Moves a present key to the newest end. */
  private touch(key: number): void {
    if (key === this.newest) return;
    this.detach(key);
    this.append(key);
  }

  private unlink(key: number): void {
    this.detach(key);
    this.present[key] = 0;
    this.n--;
  }

  private detach(key: number): void {
    const o = this.older[key];
    const w = this.newer[key];
    if (o >= 0) this.newer[o] = w;
    else this.oldest = w;
    if (w >= 0) this.older[w] = o;
    else this.newest = o;
  }

  private append(key: number): void {
    this.older[key] = this.newest;
    this.newer[key] = -1;
    if (this.newest >= 0) this.newer[this.newest] = key;
    else this.oldest = key;
    this.newest = key;
  }
}
