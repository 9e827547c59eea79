import type { NameIndex } from "./name-index.js";

/**
 * Requests in flight per backend index, counted from `onDispatch` and ended by `record` or
 * `onCancel`. Counts never go below zero (an outcome for a request that was never reported
 * as dispatched is not an error: a router may be used without `onDispatch`).
 */
export class InFlight {
  counts = new Int32Array(8);
  private lastName: string | undefined;
  private lastIndex = -1;

  constructor(private readonly backends: NameIndex) {}

  /** The backend's index, interned; remembers the last name (dispatch often repeats it). */
  indexOf(backend: string): number {
    if (backend === this.lastName) return this.lastIndex;
    const b = this.backends.intern(backend);
    this.lastName = backend;
    this.lastIndex = b;
    if (b >= this.counts.length) this.grow(b + 1);
    return b;
  }

  /** Makes room for `n` backends. */
  grow(n: number): void {
    if (n <= this.counts.length) return;
    const next = new Int32Array(Math.max(n, this.counts.length * 2));
    next.set(this.counts);
    this.counts = next;
  }

  start(b: number): void {
    this.counts[b]++;
  }

  end(b: number): void {
    if (this.counts[b] > 0) this.counts[b]--;
  }
}
