import type { EvictionPolicy } from "./eviction-policy.js";

/**
 * In-cache LFU: evicts the entry used least often since it was inserted, the least recently
 * used among equals. Hand-written because lru-cache (the project's cache library) has no
 * frequency-based eviction; a binary min-heap over (uses, last use) in typed arrays indexed
 * by the catalogue key costs O(log capacity) per hit and insert and allocates nothing per
 * query (with 10⁴ entries, ≈ 14 sift steps).
 */
export class LfuPolicy implements EvictionPolicy {
  /** Heap of keys, ordered by (uses, lastUse). */
  private readonly heap: Int32Array;
  /** Position of each key in the heap; −1 when absent. */
  private readonly pos: Int32Array;
  private readonly uses: Float64Array;
  private readonly lastUse: Float64Array;
  private n = 0;
  private tick = 0;

  /**
   * @param capacity entries kept
   * @param keys number of distinct keys (keys are 0 … keys − 1)
   */
  constructor(
    private readonly capacity: number,
    keys: number,
  ) {
    this.heap = new Int32Array(Math.min(capacity, keys));
    this.pos = new Int32Array(keys).fill(-1);
    this.uses = new Float64Array(keys);
    this.lastUse = new Float64Array(keys);
  }

  get size(): number {
    return this.n;
  }

  lookup(key: number): boolean {
    const i = this.pos[key];
    if (i < 0) return false;
    this.uses[key]++;
    // A tick rather than virtual time: equal times must still order uses.
    this.lastUse[key] = ++this.tick;
    this.down(i);
    return true;
  }

  insert(key: number): void {
    if (this.pos[key] >= 0) return;
    if (this.n >= this.capacity) {
      const evicted = this.heap[0];
      this.pos[evicted] = -1;
      this.n--;
      if (this.n > 0) {
        this.place(this.heap[this.n], 0);
        this.down(0);
      }
    }
    this.uses[key] = 1;
    this.lastUse[key] = ++this.tick;
    this.place(key, this.n++);
    this.up(this.n - 1);
  }

  private less(a: number, b: number): boolean {
    const ua = this.uses[a];
    const ub = this.uses[b];
    return ua < ub || (ua === ub && this.lastUse[a] < this.lastUse[b]);
  }

  private place(key: number, i: number): void {
    this.heap[i] = key;
    this.pos[key] = i;
  }

  private up(i: number): void {
    const h = this.heap;
    const key = h[i];
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(key, h[p])) break;
      this.place(h[p], i);
      i = p;
    }
    this.place(key, i);
  }

  private down(i: number): void {
    const h = this.heap;
    const n = this.n;
    const key = h[i];
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.less(h[c + 1], h[c])) c++;
      if (!this.less(h[c], key)) break;
      this.place(h[c], i);
      i = c;
    }
    this.place(key, i);
  }
}
