import {
  LatencySketch,
  type LatencySketchJSON,
  type LatencySketchOptions,
  type LatencySummary,
} from "../sketch/latency-sketch.js";

/** How a request ended. */
export type RequestStatus = "ok" | "error" | "timeout";

/** A series' latency summary plus its outcome counts and rates. */
export interface SeriesSummary extends LatencySummary {
  errors: number;
  timeouts: number;
  /** errors / count; `NaN` when empty. */
  errorRate: number;
  /** timeouts / count; `NaN` when empty. */
  timeoutRate: number;
  /** successes / requests whose success is known; `NaN` when none is known. */
  successRate: number;
  /** Mean relevance over requests that reported one; `NaN` when none did. */
  meanRelevance: number;
}

/** The serialised form of a {@link SeriesStats}. */
export interface SeriesStatsJSON {
  sketch: LatencySketchJSON;
  errors: number;
  timeouts: number;
  successes: number;
  failures: number;
  relevanceSum: number;
  relevanceCount: number;
}

/**
 * One profiled series (a backend, a pattern, a query type or an operation): a latency sketch
 * plus error, timeout, success and relevance tallies. Get one from the profiler once and keep
 * it in hot loops: `add` is then just the sketch's add, with no name lookup.
 *
 * @example
 * const qdrant = profiler.backend("qdrant");
 * for (...) qdrant.add(latencyMs);
 */
export class SeriesStats {
  readonly sketch: LatencySketch;
  errors = 0;
  timeouts = 0;
  successes = 0;
  failures = 0;
  relevanceSum = 0;
  relevanceCount = 0;

  /** @param options sketch accuracy */
  constructor(options: LatencySketchOptions = {}) {
    this.sketch = new LatencySketch(options);
  }

  /**
   * Records one successful-or-unknown request's latency (the hot path).
   *
   * @param latencyMs non-negative latency
   * @throws {RangeError} on a negative or non-finite latency
   */
  add(latencyMs: number): void {
    this.sketch.add(latencyMs);
  }

  /**
   * Records a request with its outcome. The latency of failed requests counts too: their time
   * was spent.
   *
   * @param latencyMs non-negative latency
   * @param status how it ended; default `ok`
   * @param success whether it counted as a success, when known
   * @param relevance its relevance in [0, 1], when known
   */
  addOutcome(
    latencyMs: number,
    status?: RequestStatus,
    success?: boolean,
    relevance?: number,
  ): void {
    this.sketch.add(latencyMs);
    if (status === "error") this.errors++;
    else if (status === "timeout") this.timeouts++;
    if (success === true) this.successes++;
    else if (success === false) this.failures++;
    if (relevance !== undefined) {
      this.relevanceSum += relevance;
      this.relevanceCount++;
    }
  }

  /** Requests recorded. */
  get count(): number {
    return this.sketch.count;
  }

  /** @returns latency summary plus rates; rates are `NaN` where undefined */
  summary(): SeriesSummary {
    const n = this.sketch.count;
    const known = this.successes + this.failures;
    return {
      ...this.sketch.summary(),
      errors: this.errors,
      timeouts: this.timeouts,
      errorRate: n === 0 ? Number.NaN : this.errors / n,
      timeoutRate: n === 0 ? Number.NaN : this.timeouts / n,
      successRate: known === 0 ? Number.NaN : this.successes / known,
      meanRelevance:
        this.relevanceCount === 0 ? Number.NaN : this.relevanceSum / this.relevanceCount,
    };
  }

  /**
   * Adds another series' data to this one, exactly.
   *
   * @param other a series with the same sketch accuracy
   * @returns this series
   */
  merge(other: SeriesStats): this {
    this.sketch.merge(other.sketch);
    this.errors += other.errors;
    this.timeouts += other.timeouts;
    this.successes += other.successes;
    this.failures += other.failures;
    this.relevanceSum += other.relevanceSum;
    this.relevanceCount += other.relevanceCount;
    return this;
  }

  /** @returns plain data for JSON or worker messages */
  toJSON(): SeriesStatsJSON {
    return {
      sketch: this.sketch.toJSON(),
      errors: this.errors,
      timeouts: this.timeouts,
      successes: this.successes,
      failures: this.failures,
      relevanceSum: this.relevanceSum,
      relevanceCount: this.relevanceCount,
    };
  }

  /**
   * @param json output of {@link toJSON}
   * @returns the series rebuilt
   * @throws {TypeError} when the data is malformed
   */
  static fromJSON(json: SeriesStatsJSON): SeriesStats {
    if (json === null || typeof json !== "object") {
      throw new TypeError("invalid SeriesStats JSON: not an object");
    }
    // Rebuild the sketch with its own accuracy rather than the default.
    const sketch = LatencySketch.fromJSON(json.sketch);
    const out = new SeriesStats({ relativeAccuracy: sketch.relativeAccuracy });
    out.sketch.merge(sketch);
    for (const f of [
      "errors",
      "timeouts",
      "successes",
      "failures",
      "relevanceSum",
      "relevanceCount",
    ] as const) {
      const v = json[f];
      if (typeof v !== "number" || !(v >= 0)) {
        throw new TypeError(`invalid SeriesStats JSON: ${f} must be a non-negative number`);
      }
      out[f] = v;
    }
    return out;
  }
}
