import { DDSketch } from "@datadog/sketches-js";

/** Relative accuracy of every sketch the profiler keeps: 1 % (DDSketch's α). */
export const DEFAULT_RELATIVE_ACCURACY = 0.01;

/** What {@link LatencySketch.summary} reports. Empty sketches report `NaN` except `count`. */
export interface LatencySummary {
  count: number;
  mean: number;
  min: number;
  max: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
}

/**
 * The serialised form of a {@link LatencySketch}: plain numbers and arrays, so it survives
 * `JSON.stringify` and worker-thread structured cloning. `bins[i]` counts the values whose
 * DDSketch key is `binOffset + i`. Count, sum, min and max travel beside the bins because
 * DDSketch's protobuf form drops them.
 */
export interface LatencySketchJSON {
  relativeAccuracy: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  /** Values too small for the log mapping (0 and sub-1e-307 ms). */
  zeroCount: number;
  binOffset: number;
  bins: number[];
}

/** Options for a {@link LatencySketch}. */
export interface LatencySketchOptions {
  /** α in (0, 1): every quantile is within α·x of a true order statistic x. Default 0.01. */
  relativeAccuracy?: number;
}

/** The quantiles {@link LatencySketch.summary} reports, in order. */
export const SUMMARY_QUANTILES = [0.5, 0.9, 0.95, 0.99, 0.999] as const;

/**
 * A mergeable latency distribution: a DDSketch (relative error α, default 1 %) plus the
 * exact count, sum, min and max.
 *
 * Why a wrapper rather than DDSketch itself:
 * - `@datadog/sketches-js` 2.1 merges only the positive store (its `merge` ignores
 *   `negativeStore`), so negative values would silently vanish on merge; latencies are
 *   non-negative anyway, so `add` rejects negatives and NaN up front.
 * - Its protobuf form drops count, sum, min and max; {@link toJSON} carries them.
 * - Its quantiles are bin centres, which can fall just outside [min, max]; clamping them keeps
 *   p0/p100 exact and can only move an estimate closer to the truth.
 *
 * Cost: `add` is DDSketch's `accept` (one `Math.log2`, one dense-array increment) plus a
 * range check: about 35–45 ns per value on the project machine (`benchProfilerRecord` in
 * `src/bench/profiler-record.ts`), inside the 50 ns budget. A hand-written index mapping into a
 * Float64Array store was measured too (same 1e6 lognormal values, medians of 9 runs): ≈ 32 ns
 * against ≈ 37 ns, as `Math.log2` dominates both; 5 ns did not justify a second sketch format.
 *
 * @example
 * const s = new LatencySketch();
 * for (const v of [12, 15, 40]) s.add(v);
 * s.quantile(0.5); // ≈ 15
 */
export class LatencySketch {
  /** The underlying DDSketch; exposed read-only for protobuf interop (`toProto`). */
  readonly sketch: DDSketch;
  readonly relativeAccuracy: number;

  /**
   * @param options see {@link LatencySketchOptions}
   * @throws {RangeError} when the relative accuracy is not in (0, 1)
   */
  constructor(options: LatencySketchOptions = {}) {
    const alpha = options.relativeAccuracy ?? DEFAULT_RELATIVE_ACCURACY;
    if (!(alpha > 0 && alpha < 1)) {
      throw new RangeError(`relativeAccuracy must be in (0, 1), got ${alpha}`);
    }
    this.relativeAccuracy = alpha;
    this.sketch = new DDSketch({ relativeAccuracy: alpha });
  }

  /**
   * Records one value. Hot path: no allocation.
   *
   * @param value a latency (or any non-negative quantity), in ms by convention
   * @throws {RangeError} when the value is negative, NaN or infinite
   */
  add(value: number): void {
    // One comparison rejects NaN (all comparisons false), negatives and +Infinity.
    if (!(value >= 0 && value < Number.POSITIVE_INFINITY)) {
      throw new RangeError(`latency must be a finite non-negative number, got ${value}`);
    }
    this.sketch.accept(value);
  }

  /** Number of values recorded. */
  get count(): number {
    return this.sketch.count;
  }

  /** Exact sum of the values recorded (up to floating-point rounding). */
  get sum(): number {
    return this.sketch.sum;
  }

  /** Exact minimum; `NaN` when empty. */
  get min(): number {
    return this.sketch.count === 0 ? Number.NaN : this.sketch.min;
  }

  /** Exact maximum; `NaN` when empty. */
  get max(): number {
    return this.sketch.count === 0 ? Number.NaN : this.sketch.max;
  }

  /** Exact mean; `NaN` when empty. */
  get mean(): number {
    return this.sketch.count === 0 ? Number.NaN : this.sketch.sum / this.sketch.count;
  }

  /**
   * The value at quantile `q`: within α·x of x, the order statistic of rank ⌊q·(n−1)⌋
   * (0-based) of the values recorded.
   *
   * @param q in [0, 1]
   * @returns the estimate, or `NaN` when the sketch is empty
   * @throws {RangeError} when q is outside [0, 1]
   */
  quantile(q: number): number {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be in [0, 1], got ${q}`);
    const sk = this.sketch;
    if (sk.count === 0) return Number.NaN;
    const v = sk.getValueAtQuantile(q);
    return Math.min(Math.max(v, sk.min), sk.max);
  }

  /**
   * Count, mean, min, max and p50/p90/p95/p99/p99.9.
   *
   * @returns the summary; every field but `count` is `NaN` when empty
   */
  summary(): LatencySummary {
    return {
      count: this.count,
      mean: this.mean,
      min: this.min,
      max: this.max,
      p50: this.quantile(0.5),
      p90: this.quantile(0.9),
      p95: this.quantile(0.95),
      p99: this.quantile(0.99),
      p999: this.quantile(0.999),
    };
  }

  /**
   * The fraction of recorded values ≤ `x`, counted by bins: exact up to values that share
   * x's bin (all within α of x).
   *
   * @param x a latency
   * @returns a fraction in [0, 1]; `NaN` when empty
   */
  fractionBelow(x: number): number {
    const n = this.sketch.count;
    return n === 0 ? Number.NaN : this.countAtMost(x) / n;
  }

  /**
   * The number of recorded values ≤ `x`, counted by bins: exact except for values sharing x's
   * bin (all within α of x), which count as ≤ x. Exact below the minimum and from the maximum.
   *
   * @param x a latency
   * @returns a count in [0, count]
   */
  countAtMost(x: number): number {
    const sk = this.sketch;
    if (sk.count === 0 || x < sk.min) return 0;
    if (x >= sk.max) return sk.count;
    let below = sk.zeroCount;
    if (x > sk.mapping.minPossible) {
      const key = sk.mapping.key(x);
      const store = sk.store;
      const last = Math.min(key, store.maxKey);
      for (let k = store.minKey; k <= last; k++) below += store.bins[k - store.offset];
    }
    return below;
  }

  /**
   * Adds another sketch's values to this one. Exact: the result equals one sketch of all the
   * values (bins and counts add; min/max combine; the sum adds up to rounding).
   *
   * @param other a sketch with the same relative accuracy
   * @returns this sketch
   * @throws {RangeError} when the relative accuracies differ
   */
  merge(other: LatencySketch): this {
    if (other.relativeAccuracy !== this.relativeAccuracy) {
      throw new RangeError(
        `cannot merge sketches with relative accuracy ${this.relativeAccuracy} and ${other.relativeAccuracy}`,
      );
    }
    this.sketch.merge(other.sketch);
    return this;
  }

  /** A deep copy. */
  clone(): LatencySketch {
    return LatencySketch.fromJSON(this.toJSON());
  }

  /** Serialises bins plus count, sum, min, max (which DDSketch's protobuf drops). */
  toJSON(): LatencySketchJSON {
    const sk = this.sketch;
    const store = sk.store;
    const bins: number[] = [];
    let binOffset = 0;
    if (store.count > 0) {
      binOffset = store.minKey;
      for (let k = store.minKey; k <= store.maxKey; k++) bins.push(store.bins[k - store.offset]);
    }
    return {
      relativeAccuracy: this.relativeAccuracy,
      count: sk.count,
      sum: sk.sum,
      // JSON has no Infinity: an empty sketch serialises min/max as 0.
      min: sk.count === 0 ? 0 : sk.min,
      max: sk.count === 0 ? 0 : sk.max,
      zeroCount: sk.zeroCount,
      binOffset,
      bins,
    };
  }

  /**
   * Rebuilds a sketch from {@link toJSON}'s output, checking that it is self-consistent.
   *
   * @param json the serialised sketch
   * @returns a new sketch equal to the one serialised
   * @throws {TypeError} when a field is missing or the counts do not add up
   */
  static fromJSON(json: LatencySketchJSON): LatencySketch {
    const bad = (why: string): never => {
      throw new TypeError(`invalid LatencySketch JSON: ${why}`);
    };
    if (json === null || typeof json !== "object") bad("not an object");
    for (const f of ["relativeAccuracy", "count", "sum", "min", "max", "zeroCount", "binOffset"]) {
      const v = (json as unknown as Record<string, unknown>)[f];
      if (typeof v !== "number" || !Number.isFinite(v)) bad(`${f} must be a finite number`);
    }
    if (!Array.isArray(json.bins)) bad("bins must be an array");
    if (!Number.isInteger(json.binOffset)) bad("binOffset must be an integer");
    const out = new LatencySketch({ relativeAccuracy: json.relativeAccuracy });
    const sk = out.sketch;
    let total = json.zeroCount;
    for (let i = 0; i < json.bins.length; i++) {
      const c = json.bins[i];
      if (typeof c !== "number" || !(c >= 0)) bad(`bins[${i}] must be a non-negative number`);
      if (c > 0) {
        sk.store.add(json.binOffset + i, c);
        total += c;
      }
    }
    if (total !== json.count) bad(`count ${json.count} ≠ zeroCount + bins = ${total}`);
    sk.zeroCount = json.zeroCount;
    sk.count = json.count;
    sk.sum = json.sum;
    if (json.count > 0) {
      if (json.min > json.max) bad("min > max");
      sk.min = json.min;
      sk.max = json.max;
    }
    return out;
  }
}
