import { LatencySketch, type LatencySketchJSON } from "../sketch/latency-sketch.js";
import type { RequestStatus } from "./series-stats.js";

/** One window's numbers, for plots over time. */
export interface WindowSnapshot {
  /** Window start, in the profiler's time base (ms). */
  startMs: number;
  endMs: number;
  queries: number;
  /** queries per second of window width. */
  perSecond: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  errorRate: number;
  timeoutRate: number;
  /** `NaN` when no query in the window reported a cache lookup. */
  cacheHitRate: number;
  /** Queries per serving backend. */
  backends: Record<string, number>;
}

/** Options for {@link TimeWindows}. */
export interface TimeWindowsOptions {
  /** Width of a window in ms of the time base. Default 1000. */
  windowMs?: number;
  /**
   * Most windows kept. Past it, windows double in width (pairs merge exactly), so memory stays
   * bounded however long the run. Default 1000.
   */
  maxWindows?: number;
  relativeAccuracy?: number;
}

interface Window {
  queries: number;
  errors: number;
  timeouts: number;
  cacheHits: number;
  cacheLookups: number;
  sketch: LatencySketch;
  backends: Map<string, number>;
}

/** Serialised windows. */
export interface TimeWindowsJSON {
  windowMs: number;
  maxWindows: number;
  relativeAccuracy: number;
  windows: {
    key: number;
    queries: number;
    errors: number;
    timeouts: number;
    cacheHits: number;
    cacheLookups: number;
    sketch: LatencySketchJSON;
    backends: Record<string, number>;
  }[];
}

/**
 * Query statistics per fixed-width time window, keyed by ⌊t / windowMs⌋ so records may arrive
 * in any order and windows from different workers line up and merge exactly.
 */
export class TimeWindows {
  windowMs: number;
  readonly maxWindows: number;
  readonly relativeAccuracy: number | undefined;
  private readonly windows = new Map<number, Window>();
  // The last window touched: records usually arrive in time order, so this skips the Map.
  private lastKey = Number.NaN;
  private last: Window | undefined;

  /**
   * @param options window width and count
   * @throws {RangeError} when the width is not positive or the count is below 2
   */
  constructor(options: TimeWindowsOptions = {}) {
    this.windowMs = options.windowMs ?? 1000;
    this.maxWindows = options.maxWindows ?? 1000;
    this.relativeAccuracy = options.relativeAccuracy;
    if (!(this.windowMs > 0 && Number.isFinite(this.windowMs))) {
      throw new RangeError(`windowMs must be a positive number, got ${this.windowMs}`);
    }
    if (!(Number.isInteger(this.maxWindows) && this.maxWindows >= 2)) {
      throw new RangeError(`maxWindows must be an integer ≥ 2, got ${this.maxWindows}`);
    }
  }

  /** Number of windows holding data. */
  get size(): number {
    return this.windows.size;
  }

  /**
   * Records one query completing at time `at`.
   *
   * @param at completion time in ms (any finite number)
   * @param latencyMs the query's latency
   * @param backend the serving backend, if known
   * @param status how it ended
   * @param cacheHit whether a cache answered, if a lookup happened
   */
  record(
    at: number,
    latencyMs: number,
    backend: string | undefined,
    status: RequestStatus | undefined,
    cacheHit: boolean | undefined,
  ): void {
    const w = this.window(Math.floor(at / this.windowMs));
    w.queries++;
    w.sketch.add(latencyMs);
    if (status === "error") w.errors++;
    else if (status === "timeout") w.timeouts++;
    if (cacheHit !== undefined) {
      w.cacheLookups++;
      if (cacheHit) w.cacheHits++;
    }
    if (backend !== undefined) w.backends.set(backend, (w.backends.get(backend) ?? 0) + 1);
  }

  /** @returns the windows in time order, as plain numbers */
  snapshots(): WindowSnapshot[] {
    const keys = [...this.windows.keys()].sort((a, b) => a - b);
    return keys.map((key) => {
      const w = this.windows.get(key) as Window;
      const backends: Record<string, number> = {};
      for (const [b, n] of w.backends) backends[b] = n;
      return {
        startMs: key * this.windowMs,
        endMs: (key + 1) * this.windowMs,
        queries: w.queries,
        perSecond: (w.queries * 1000) / this.windowMs,
        mean: w.sketch.mean,
        p50: w.sketch.quantile(0.5),
        p95: w.sketch.quantile(0.95),
        p99: w.sketch.quantile(0.99),
        errorRate: w.queries === 0 ? Number.NaN : w.errors / w.queries,
        timeoutRate: w.queries === 0 ? Number.NaN : w.timeouts / w.queries,
        cacheHitRate: w.cacheLookups === 0 ? Number.NaN : w.cacheHits / w.cacheLookups,
        backends,
      };
    });
  }

  /**
   * Adds another set of windows. Widths must be equal or differ by a power of two (the finer
   * side is coarsened first, exactly).
   *
   * @param other windows from another profiler
   * @returns this
   * @throws {RangeError} when the widths are not power-of-two multiples
   */
  merge(other: TimeWindows): this {
    const src = TimeWindows.fromJSON(other.toJSON());
    const ratio = Math.max(src.windowMs, this.windowMs) / Math.min(src.windowMs, this.windowMs);
    if (!Number.isInteger(Math.log2(ratio))) {
      throw new RangeError(
        `cannot merge windows of ${this.windowMs} ms and ${src.windowMs} ms: not a power-of-two ratio`,
      );
    }
    while (this.windowMs < src.windowMs) this.coarsen();
    while (src.windowMs < this.windowMs) src.coarsen();
    // Straight into the map, not through window(): that may coarsen this side mid-merge, and the
    // source's later keys would then land on the wrong grid. Too many windows coarsen once, after.
    for (const [key, w] of src.windows) {
      const have = this.windows.get(key);
      if (have === undefined)
        this.windows.set(key, w); // src is a private copy
      else mergeWindow(have, w);
    }
    this.lastKey = Number.NaN;
    this.last = undefined;
    this.shrink();
    return this;
  }

  /** @returns plain data for JSON or worker messages */
  toJSON(): TimeWindowsJSON {
    const windows: TimeWindowsJSON["windows"] = [];
    for (const [key, w] of this.windows) {
      const backends: Record<string, number> = {};
      for (const [b, n] of w.backends) backends[b] = n;
      windows.push({
        key,
        queries: w.queries,
        errors: w.errors,
        timeouts: w.timeouts,
        cacheHits: w.cacheHits,
        cacheLookups: w.cacheLookups,
        sketch: w.sketch.toJSON(),
        backends,
      });
    }
    return {
      windowMs: this.windowMs,
      maxWindows: this.maxWindows,
      relativeAccuracy: this.relativeAccuracy ?? Number.NaN,
      windows,
    };
  }

  /**
   * @param json output of {@link toJSON}
   * @returns the windows rebuilt
   */
  static fromJSON(json: TimeWindowsJSON): TimeWindows {
    const out = new TimeWindows({
      windowMs: json.windowMs,
      maxWindows: json.maxWindows,
      relativeAccuracy: Number.isFinite(json.relativeAccuracy) ? json.relativeAccuracy : undefined,
    });
    for (const w of json.windows) {
      out.windows.set(w.key, {
        queries: w.queries,
        errors: w.errors,
        timeouts: w.timeouts,
        cacheHits: w.cacheHits,
        cacheLookups: w.cacheLookups,
        sketch: LatencySketch.fromJSON(w.sketch),
        backends: new Map(Object.entries(w.backends)),
      });
    }
    return out;
  }

  private window(key: number): Window {
    if (key === this.lastKey && this.last !== undefined) return this.last;
    let w = this.windows.get(key);
    if (w === undefined) {
      w = {
        queries: 0,
        errors: 0,
        timeouts: 0,
        cacheHits: 0,
        cacheLookups: 0,
        sketch: new LatencySketch({ relativeAccuracy: this.relativeAccuracy }),
        backends: new Map(),
      };
      this.windows.set(key, w);
      if (this.windows.size > this.maxWindows) {
        const oldMs = this.windowMs;
        this.shrink();
        // The width grew by a power of two, so the key divides exactly into the new grid.
        return this.window(Math.floor(key / (this.windowMs / oldMs)));
      }
    }
    this.lastKey = key;
    this.last = w;
    return w;
  }

  /** Coarsens until the window count is within bounds. */
  private shrink(): void {
    while (this.windows.size > this.maxWindows) this.coarsen();
  }

  /** Doubles the width: window k joins ⌊k/2⌋. Exact, because windows are sums and sketches. */
  private coarsen(): void {
    const old = [...this.windows];
    this.windows.clear();
    this.windowMs *= 2;
    this.lastKey = Number.NaN;
    this.last = undefined;
    for (const [key, w] of old) {
      const k = Math.floor(key / 2);
      const have = this.windows.get(k);
      if (have === undefined) this.windows.set(k, w);
      else mergeWindow(have, w);
    }
  }
}

function mergeWindow(into: Window, from: Window): void {
  into.queries += from.queries;
  into.errors += from.errors;
  into.timeouts += from.timeouts;
  into.cacheHits += from.cacheHits;
  into.cacheLookups += from.cacheLookups;
  into.sketch.merge(from.sketch);
  for (const [b, n] of from.backends) into.backends.set(b, (into.backends.get(b) ?? 0) + n);
}
