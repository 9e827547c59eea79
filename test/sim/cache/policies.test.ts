import fc from "fast-check";
import { LRUCache } from "lru-cache";
import { describe, expect, it } from "vitest";
import { LfuPolicy, LruPolicy } from "../../../src/sim/cache/index.js";

/** The obvious O(n) LFU: evict the fewest uses, the oldest use among equals. */
class NaiveLfu {
  private readonly entries = new Map<number, { uses: number; last: number }>();
  private tick = 0;
  constructor(private readonly capacity: number) {}
  lookup(key: number): boolean {
    const e = this.entries.get(key);
    if (e === undefined) return false;
    e.uses++;
    e.last = ++this.tick;
    return true;
  }
  insert(key: number): void {
    if (this.entries.has(key)) return;
    if (this.entries.size >= this.capacity) {
      let victim = -1;
      let best = { uses: Infinity, last: Infinity };
      for (const [k, e] of this.entries) {
        if (e.uses < best.uses || (e.uses === best.uses && e.last < best.last)) {
          victim = k;
          best = e;
        }
      }
      this.entries.delete(victim);
    }
    this.entries.set(key, { uses: 1, last: ++this.tick });
  }
}

/** The obvious list LRU / FIFO. */
class NaiveList {
  private readonly keys: number[] = [];
  constructor(
    private readonly capacity: number,
    private readonly fifo: boolean,
  ) {}
  lookup(key: number): boolean {
    const i = this.keys.indexOf(key);
    if (i < 0) return false;
    if (!this.fifo) this.keys.push(...this.keys.splice(i, 1));
    return true;
  }
  insert(key: number): void {
    const i = this.keys.indexOf(key);
    if (i >= 0) {
      if (!this.fifo) this.keys.push(...this.keys.splice(i, 1));
      return;
    }
    if (this.keys.length >= this.capacity) this.keys.shift();
    this.keys.push(key);
  }
}

/**
 * The reference: lru-cache in virtual time (its `perf` clock at virtual time + 1, since it
 * reads a start of 0 as "no TTL"; `ttlResolution: 0`, no autopurge). FIFO looks up with
 * `has` (no promotion) and fills only absent keys.
 */
class LruCacheReference {
  private readonly cache: LRUCache<number, number>;
  private clock = 0;
  constructor(
    capacity: number,
    private readonly options: { ttlMs?: number; fifo?: boolean },
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
    this.clock = now + 1;
    return this.options.fifo === true ? this.cache.has(key) : this.cache.get(key) !== undefined;
  }
  insert(key: number, now: number): void {
    this.clock = now + 1;
    if (this.options.fifo === true && this.cache.has(key)) return;
    this.cache.set(key, key);
  }
}

const ops = fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 19 })), { maxLength: 300 });

describe("eviction policies", () => {
  it("LFU answers every lookup as the naive LFU does", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), ops, (capacity, seq) => {
        const fast = new LfuPolicy(capacity, 20);
        const slow = new NaiveLfu(capacity);
        seq.forEach(([insert, key]) => {
          if (insert) {
            fast.insert(key);
            slow.insert(key);
          } else {
            expect(fast.lookup(key)).toBe(slow.lookup(key));
          }
          expect(fast.size).toBeLessThanOrEqual(capacity);
        });
      }),
    );
  });

  for (const fifo of [false, true]) {
    it(`${fifo ? "FIFO" : "LRU"} answers every lookup as the naive list does`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 8 }), ops, (capacity, seq) => {
          const fast = new LruPolicy(capacity, 20, { fifo });
          const slow = new NaiveList(capacity, fifo);
          seq.forEach(([insert, key], t) => {
            if (insert) {
              fast.insert(key, t);
              slow.insert(key);
            } else {
              expect(fast.lookup(key, t)).toBe(slow.lookup(key));
            }
          });
        }),
      );
    });
  }

  // Operations at random (fractional, sometimes equal) virtual times against lru-cache itself,
  // with and without a TTL short enough to expire entries between operations.
  const timedOps = fc.array(
    fc.tuple(
      fc.boolean(),
      fc.integer({ min: 0, max: 19 }),
      fc.double({ min: 0, max: 30, noNaN: true }),
    ),
    { maxLength: 300 },
  );
  for (const options of [{}, { fifo: true }, { ttlMs: 40 }, { ttlMs: 8 }]) {
    it(`makes lru-cache's choices, operation by operation (${JSON.stringify(options)})`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 8 }), timedOps, (capacity, seq) => {
          const fast = new LruPolicy(capacity, 20, options);
          const reference = new LruCacheReference(capacity, options);
          let now = 0;
          for (const [insert, key, gap] of seq) {
            now += gap;
            if (insert) {
              fast.insert(key, now);
              reference.insert(key, now);
            } else {
              expect(fast.lookup(key, now)).toBe(reference.lookup(key, now));
            }
            expect(fast.size).toBe(reference.size);
          }
        }),
      );
    });
  }

  it("takes a fractional TTL (lru-cache itself refuses one)", () => {
    const c = new LruPolicy(4, 4, { ttlMs: 7.5 });
    c.insert(3, 0);
    expect(c.lookup(3, 7.5)).toBe(true);
    expect(c.lookup(3, 7.75)).toBe(false);
    expect(c.size).toBe(0);
  });

  it("a TTL counts virtual time from the insertion, including an insertion at time 0", () => {
    const c = new LruPolicy(10, 10, { ttlMs: 100 });
    c.insert(1, 0);
    c.insert(2, 50);
    expect(c.lookup(1, 100)).toBe(true); // age 100: not yet past the TTL
    expect(c.lookup(1, 100.5)).toBe(false); // expired, and a hit does not extend it
    expect(c.lookup(2, 150)).toBe(true);
    c.insert(2, 150); // a refill restarts the TTL
    expect(c.lookup(2, 240)).toBe(true);
    expect(c.lookup(2, 251)).toBe(false);
  });
});
