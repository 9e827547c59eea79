import type { SimEvent } from "./event.js";

/**
 * A binary min-heap of events ordered by (time, seq). Hand-written rather than a library
 * because the comparator is inlined on two number fields and the array never shrinks, so
 * push/pop allocate nothing.
 */
export class EventHeap {
  private items: SimEvent[] = [];
  private length = 0;

  /** Number of events queued. */
  get size(): number {
    return this.length;
  }

  /** The earliest event, or undefined when empty. */
  peek(): SimEvent | undefined {
    return this.length > 0 ? this.items[0] : undefined;
  }

  /** Adds an event. */
  push(e: SimEvent): void {
    const items = this.items;
    let i = this.length++;
    const time = e.time;
    const seq = e.seq;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent];
      if (p.time < time || (p.time === time && p.seq < seq)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = e;
  }

  /** Removes and returns the earliest event; the heap must not be empty. */
  pop(): SimEvent {
    const items = this.items;
    const top = items[0];
    const n = --this.length;
    if (n > 0) {
      const last = items[n];
      const time = last.time;
      const seq = last.seq;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        let child = items[c];
        const r = c + 1;
        if (r < n) {
          const right = items[r];
          if (right.time < child.time || (right.time === child.time && right.seq < child.seq)) {
            c = r;
            child = right;
          }
        }
        if (time < child.time || (time === child.time && seq < child.seq)) break;
        items[i] = child;
        i = c;
      }
      items[i] = last;
    }
    return top;
  }
}
