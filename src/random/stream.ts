import { hashKeys } from "./hash.js";

/** A source of uniform numbers in [0, 1), the same shape d3-random's `.source()` takes. */
export type RandomSource = () => number;

/**
 * A seeded pseudo-random stream: sfc32 (Small Fast Counting, 32-bit state x4).
 *
 * Why hand-written: d3-random's `randomLcg` is a 32-bit LCG whose low bits are weak and whose
 * period (2^32) is short for 10^7-query simulations; sfc32 passes PractRand to 2^40+ and, in
 * V8, runs at ~2 ns per draw using only 32-bit integer ops. `next()` is the hot method;
 * `source` is the same generator as a plain function for d3-random samplers.
 */
export class RandomStream {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** The same stream as a `() => number`, for d3-random's `.source(...)`. */
  readonly source: RandomSource;

  /**
   * @param keys identify the stream, e.g. `[seed, repetition, "arrivals"]`. Equal keys give
   * equal streams; different keys give independent-looking ones.
   */
  constructor(...keys: (number | string)[]) {
    const h = hashKeys(keys);
    this.a = h;
    this.b = hashKeys([h, 1]);
    this.c = hashKeys([h, 2]);
    this.d = 1;
    // Discard the first outputs: sfc32's state needs a few rounds to mix.
    for (let i = 0; i < 12; i++) this.nextUint32();
    this.source = () => this.next();
  }

  /** A uniform unsigned 32-bit integer. */
  nextUint32(): number {
    const a = this.a;
    const b = this.b;
    const c = this.c;
    const d = this.d;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    const r = (c << 21) | (c >>> 11);
    this.c = (r + t) | 0;
    return t >>> 0;
  }

  /** A uniform number in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A child stream whose keys extend this stream's seed; used to fork per-purpose streams. */
  fork(...keys: (number | string)[]): RandomStream {
    return new RandomStream(this.a, this.b, this.c, ...keys);
  }
}

/**
 * Creates the stream for `(seed, ...purpose)`. Deriving every stream from its purpose rather
 * than from one shared generator keeps results independent of run order and worker count.
 *
 * @example const arrivals = createStream(42, rep, "arrivals");
 */
export function createStream(seed: number, ...purpose: (number | string)[]): RandomStream {
  return new RandomStream(seed, ...purpose);
}
