import { DEFAULT_RELATIVE_ACCURACY } from "../sketch/latency-sketch.js";
import type { TraceRow } from "../traces/trace-row.js";
import { type LoadImbalanceOptions, loadImbalance } from "./load-imbalance.js";
import type { NamedSeriesSummary, ProfileReport } from "./profile-report.js";
import { type RequestStatus, SeriesStats, type SeriesStatsJSON } from "./series-stats.js";
import { TimeWindows, type TimeWindowsJSON } from "./time-windows.js";
import { TraceQueries } from "./trace-queries.js";

/** Options for a {@link RoutingProfiler}. */
export interface RoutingProfilerOptions {
  /** Sketch relative accuracy α. Default 0.01 (1 %). */
  relativeAccuracy?: number;
  /** Snapshot window width, in ms of the records' time base. Default 1000. */
  windowMs?: number;
  /** Most windows kept before they double in width. Default 1000. */
  maxWindows?: number;
  /** Wall clock in ms for `time`/`start`/`stop` and wall throughput. Default `performance.now`. */
  clock?: () => number;
  /** The operation whose time counts as routing overhead. Default `route`. */
  routingOperation?: string;
}

/** One end-to-end query. Only `latencyMs` is required. */
export interface QueryRecord {
  latencyMs: number;
  /** The backend that served (or the primary one); counted in windows. */
  backend?: string;
  pattern?: string;
  queryType?: string;
  /** Completion time (virtual or wall ms); enables windows and virtual throughput. */
  at?: number;
  status?: RequestStatus;
  success?: boolean;
  relevance?: number;
  /** Set when the query looked in a cache. */
  cacheHit?: boolean;
}

/** Outcome details of one backend call. */
export interface CallOutcome {
  status?: RequestStatus;
  success?: boolean;
  relevance?: number;
}

/** Serialised profiler: send it from a worker, merge it in the parent. */
export interface RoutingProfilerJSON {
  version: 1;
  relativeAccuracy: number;
  routingOperation: string;
  wallElapsedMs: number;
  /** `null` when no record had a time. */
  firstAt: number | null;
  lastAt: number | null;
  queries: SeriesStatsJSON;
  backends: Record<string, SeriesStatsJSON>;
  patterns: Record<string, SeriesStatsJSON>;
  queryTypes: Record<string, SeriesStatsJSON>;
  operations: Record<string, SeriesStatsJSON>;
  cache: { hits: number; misses: number };
  windows: TimeWindowsJSON;
}

/** Options for {@link RoutingProfiler.report}. */
export interface ProfileReportOptions {
  /** Backends that should get traffic: a starved one then shows in the load imbalance. */
  expectedBackends?: readonly string[];
  /** Relative backend capacities for the fair share. Default equal. */
  backendWeights?: LoadImbalanceOptions["weights"];
  /**
   * Fall back to wall time for throughput when no record had a timestamp. Default true; a
   * trace without timestamps sets it false, as the time spent reading says nothing about the
   * traced system's rate.
   */
  wallTime?: boolean;
}

const defaultClock = () => performance.now();

/**
 * Profiles routing: latency distributions (DDSketch, 1 % relative error) per backend, per
 * execution pattern, per query type and per named operation; outcomes, cache hits, throughput,
 * load spread and windowed snapshots. Profilers from worker threads merge exactly
 * ({@link toJSON} → {@link RoutingProfiler.fromJSON} → {@link merge}).
 *
 * Recording paths, cheapest first:
 * - a series handle kept across a loop: `const q = p.backend("qdrant"); q.add(ms)` — only
 *   the sketch (≈ 40 ns);
 * - `recordCall` / `recordQuery` / `record(traceRow)` — name lookups per record;
 * - `time(op, fn)`, `start()`/`stop(op, t0)` — add two clock reads.
 *
 * @example
 * const p = new RoutingProfiler();
 * const decision = p.time("route", () => router.select(query, ctx));
 * p.recordCall(decision.backend, 42, { status: "ok" });
 * p.recordQuery({ latencyMs: 42, backend: decision.backend, pattern: "feed-forward", at: now });
 * console.log(p.report().queries.p99);
 */
export class RoutingProfiler {
  readonly relativeAccuracy: number;
  readonly routingOperation: string;
  private readonly clock: () => number;
  private readonly startedAt: number;
  private wallElapsedBase = 0;
  private readonly queries: SeriesStats;
  private readonly backends = new Map<string, SeriesStats>();
  private readonly patterns = new Map<string, SeriesStats>();
  private readonly queryTypes = new Map<string, SeriesStats>();
  private readonly operations = new Map<string, SeriesStats>();
  private readonly windows: TimeWindows;
  private cacheHits = 0;
  private cacheMisses = 0;
  private firstAt = Number.POSITIVE_INFINITY;
  private lastAt = Number.NEGATIVE_INFINITY;
  /** Gathers trace rows into queries by `query_id`; made on the first such row. */
  private traceQueries: TraceQueries | undefined;

  /**
   * @param options accuracy, windows, clock, routing operation name
   * @throws {RangeError} on an invalid accuracy or window setting
   */
  constructor(options: RoutingProfilerOptions = {}) {
    this.relativeAccuracy = options.relativeAccuracy ?? DEFAULT_RELATIVE_ACCURACY;
    this.routingOperation = options.routingOperation ?? "route";
    this.clock = options.clock ?? defaultClock;
    this.startedAt = this.clock();
    this.queries = this.newSeries();
    this.windows = new TimeWindows({
      windowMs: options.windowMs,
      maxWindows: options.maxWindows,
      relativeAccuracy: this.relativeAccuracy,
    });
  }

  /** The series of one backend's calls; keep it for hot loops. */
  backend(name: string): SeriesStats {
    return this.series(this.backends, name);
  }

  /** The series of one execution pattern's end-to-end latency. */
  pattern(name: string): SeriesStats {
    return this.series(this.patterns, name);
  }

  /** The series of one query type's end-to-end latency. */
  queryType(name: string): SeriesStats {
    return this.series(this.queryTypes, name);
  }

  /** The series of one named operation, e.g. `route`. */
  operation(name: string): SeriesStats {
    return this.series(this.operations, name);
  }

  /**
   * Records one backend call (one of possibly several per query).
   *
   * @param backend the backend called
   * @param latencyMs the call's latency
   * @param outcome status, success and relevance, when known
   * @throws {RangeError} on a negative or non-finite latency
   */
  recordCall(backend: string, latencyMs: number, outcome?: CallOutcome): void {
    const s = this.series(this.backends, backend);
    if (outcome === undefined) s.add(latencyMs);
    else s.addOutcome(latencyMs, outcome.status, outcome.success, outcome.relevance);
  }

  /**
   * Records one end-to-end query: into the totals, its pattern and query type, the cache
   * tally and (when `at` is given) its time window.
   *
   * @param q the query's latency and what is known about it
   * @throws {RangeError} on a negative or non-finite latency
   */
  recordQuery(q: QueryRecord): void {
    this.query(
      q.latencyMs,
      q.backend,
      q.pattern,
      q.queryType,
      q.at,
      q.status,
      q.success,
      q.relevance,
      q.cacheHit,
    );
  }

  /**
   * Records a trace row: always one request to its backend; the query it belongs to as
   * {@link TraceQueries} assembles it. A row without `query_id` is a query by itself when it
   * is primary (`primary` true or empty), else only a request. Rows with a `query_id` are
   * gathered into one query per id, closed at the latest by {@link closeQueries} (which
   * `report` and `toJSON` call).
   *
   * @param row a parsed trace row
   */
  record(row: TraceRow): void {
    this.series(this.backends, row.backend).addOutcome(
      row.latencyMs,
      row.status,
      row.success,
      row.relevance,
    );
    if (row.queryId !== undefined) {
      this.traceQueries ??= new TraceQueries((q) => this.recordQuery(q));
      this.traceQueries.add(row);
    } else if (row.primary !== false) {
      this.query(
        row.latencyMs,
        row.backend,
        row.pattern,
        row.queryType,
        row.timestamp,
        row.status,
        row.sloMet ?? row.success,
        row.relevance,
        row.cacheHit,
      );
    }
  }

  /**
   * Closes the queries whose trace rows are still being gathered by `query_id`: call it after
   * the last row (`report` and `toJSON` do). A later row of a closed query counts as a request
   * only.
   */
  closeQueries(): void {
    this.traceQueries?.flush();
  }

  /** How trace rows were gathered into queries; undefined when no row had a `query_id`. */
  get traceGrouping():
    | { groupedRows: number; lateRows: number; withoutPrimary: number }
    | undefined {
    const t = this.traceQueries;
    return t === undefined
      ? undefined
      : { groupedRows: t.groupedRows, lateRows: t.lateRows, withoutPrimary: t.withoutPrimary };
  }

  /** Records one cache lookup outside of a query record. */
  recordCache(hit: boolean): void {
    if (hit) this.cacheHits++;
    else this.cacheMisses++;
  }

  /**
   * Records a duration for a named operation.
   *
   * @param op operation name, e.g. `route`
   * @param ms its duration
   */
  recordOperation(op: string, ms: number): void {
    this.series(this.operations, op).add(ms);
  }

  /**
   * Times `fn` under operation `op`: sync functions directly, promise-returning functions when
   * the promise settles. A throw or rejection is recorded with status `error` and rethrown.
   *
   * @param op operation name
   * @param fn the work
   * @returns what `fn` returns
   * @example const decision = profiler.time("route", () => router.select(q, ctx));
   * @example const rows = await profiler.time("fetch", () => db.query(sql));
   */
  time<T>(op: string | SeriesStats, fn: () => T): T {
    const s = typeof op === "string" ? this.series(this.operations, op) : op;
    const clock = this.clock;
    const t0 = clock();
    let out: T;
    try {
      out = fn();
    } catch (err) {
      s.addOutcome(Math.max(0, clock() - t0), "error");
      throw err;
    }
    if (isPromiseLike(out)) {
      return out.then(
        (v) => {
          s.add(Math.max(0, clock() - t0));
          return v;
        },
        (err: unknown) => {
          s.addOutcome(Math.max(0, clock() - t0), "error");
          throw err;
        },
      ) as T;
    }
    // Clocks are monotonic, but a user-supplied one may not be: never record a negative.
    s.add(Math.max(0, clock() - t0));
    return out;
  }

  /** @returns a start time for {@link stop}; no allocation */
  start(): number {
    return this.clock();
  }

  /**
   * Ends a timing started by {@link start} and records it under `op`.
   *
   * @param op operation name, or a series handle from {@link operation} (no lookup)
   * @param startedAt what `start()` returned
   * @returns the elapsed ms
   */
  stop(op: string | SeriesStats, startedAt: number): number {
    const ms = Math.max(0, this.clock() - startedAt);
    (typeof op === "string" ? this.series(this.operations, op) : op).add(ms);
    return ms;
  }

  /** Queries recorded. */
  get queryCount(): number {
    return this.queries.count;
  }

  /** The end-to-end query series (read-only use: exporters, custom reports). */
  get querySeries(): SeriesStats {
    return this.queries;
  }

  /**
   * Every series of one kind, by name (read-only use: exporters, custom reports).
   *
   * @param kind `backend`, `pattern`, `queryType` or `operation`
   * @returns the live map; do not modify it
   */
  seriesOf(
    kind: "backend" | "pattern" | "queryType" | "operation",
  ): ReadonlyMap<string, SeriesStats> {
    return kind === "backend"
      ? this.backends
      : kind === "pattern"
        ? this.patterns
        : kind === "queryType"
          ? this.queryTypes
          : this.operations;
  }

  /** Cache hits and misses recorded so far. */
  get cacheCounts(): { hits: number; misses: number } {
    return { hits: this.cacheHits, misses: this.cacheMisses };
  }

  /**
   * Summarises everything measured (first closing the trace queries still open, see
   * {@link closeQueries}).
   *
   * @param options expected backends and capacity weights for the load imbalance
   * @returns plain data; see {@link ProfileReport}
   */
  report(options: ProfileReportOptions = {}): ProfileReport {
    this.closeQueries();
    const callStats = this.newSeries();
    for (const s of this.backends.values()) callStats.merge(s);
    const backendCounts: Record<string, number> = {};
    for (const [n, s] of this.backends) backendCounts[n] = s.count;
    const patternCounts: Record<string, number> = {};
    for (const [n, s] of this.patterns) patternCounts[n] = s.count;
    const routing = this.operations.get(this.routingOperation) ?? this.newSeries();
    const qn = this.queries.count;
    const virtual = this.lastAt >= this.firstAt;
    const wall = !virtual && options.wallTime !== false;
    const elapsedMs = virtual
      ? this.lastAt - this.firstAt
      : wall
        ? this.wallElapsedMs()
        : Number.NaN;
    const routingSum = routing.sketch.sum;
    const querySum = this.queries.sketch.sum;
    const lookups = this.cacheHits + this.cacheMisses;
    return {
      relativeAccuracy: this.relativeAccuracy,
      queries: this.queries.summary(),
      calls: callStats.summary(),
      callsPerQuery: qn === 0 ? Number.NaN : callStats.count / qn,
      throughput: {
        timeBase: virtual ? "virtual" : wall ? "wall" : "none",
        queries: qn,
        elapsedMs,
        perSecond: elapsedMs > 0 ? (qn * 1000) / elapsedMs : Number.NaN,
      },
      backends: named(this.backends),
      patterns: named(this.patterns),
      queryTypes: named(this.queryTypes),
      operations: named(this.operations),
      cache: {
        hits: this.cacheHits,
        misses: this.cacheMisses,
        lookups,
        hitRate: lookups === 0 ? Number.NaN : this.cacheHits / lookups,
      },
      backendLoad: loadImbalance(backendCounts, {
        expected: options.expectedBackends,
        weights: options.backendWeights,
      }),
      patternLoad: loadImbalance(patternCounts),
      routing: {
        operation: this.routingOperation,
        summary: routing.summary(),
        shareOfLatency:
          routing.count > 0 && qn > 0 ? routingSum / (routingSum + querySum) : Number.NaN,
      },
      windowMs: this.windows.windowMs,
      windows: this.windows.snapshots(),
    };
  }

  /**
   * Adds another profiler's data, exactly: sketches merge bin by bin, tallies add, windows
   * line up by time. Wall elapsed time becomes the longer of the two (parallel workers).
   *
   * @param other a profiler with the same relative accuracy
   * @returns this
   * @throws {RangeError} when accuracies differ or window widths cannot be aligned
   */
  merge(other: RoutingProfiler): this {
    if (other.relativeAccuracy !== this.relativeAccuracy) {
      throw new RangeError(
        `cannot merge profilers with relative accuracy ${this.relativeAccuracy} and ${other.relativeAccuracy}`,
      );
    }
    this.closeQueries();
    other.closeQueries();
    const copy = other === this ? RoutingProfiler.fromJSON(other.toJSON()) : other;
    this.queries.merge(copy.queries);
    mergeMaps(this.backends, copy.backends, () => this.newSeries());
    mergeMaps(this.patterns, copy.patterns, () => this.newSeries());
    mergeMaps(this.queryTypes, copy.queryTypes, () => this.newSeries());
    mergeMaps(this.operations, copy.operations, () => this.newSeries());
    this.windows.merge(copy.windows);
    this.cacheHits += copy.cacheHits;
    this.cacheMisses += copy.cacheMisses;
    this.firstAt = Math.min(this.firstAt, copy.firstAt);
    this.lastAt = Math.max(this.lastAt, copy.lastAt);
    this.wallElapsedBase = Math.max(this.wallElapsedMs(), copy.wallElapsedMs());
    return this;
  }

  /** @returns plain data for JSON or `postMessage` */
  toJSON(): RoutingProfilerJSON {
    this.closeQueries();
    const dump = (m: Map<string, SeriesStats>) => {
      const out: Record<string, SeriesStatsJSON> = {};
      for (const [n, s] of m) out[n] = s.toJSON();
      return out;
    };
    const timed = this.lastAt >= this.firstAt;
    return {
      version: 1,
      relativeAccuracy: this.relativeAccuracy,
      routingOperation: this.routingOperation,
      wallElapsedMs: this.wallElapsedMs(),
      firstAt: timed ? this.firstAt : null,
      lastAt: timed ? this.lastAt : null,
      queries: this.queries.toJSON(),
      backends: dump(this.backends),
      patterns: dump(this.patterns),
      queryTypes: dump(this.queryTypes),
      operations: dump(this.operations),
      cache: { hits: this.cacheHits, misses: this.cacheMisses },
      windows: this.windows.toJSON(),
    };
  }

  /**
   * Rebuilds a profiler from {@link toJSON}'s output.
   *
   * @param json serialised profiler
   * @param options a clock for later timings (accuracy and windows come from the JSON)
   * @returns the profiler
   * @throws {TypeError} when the data is malformed or of another version
   */
  static fromJSON(
    json: RoutingProfilerJSON,
    options: Pick<RoutingProfilerOptions, "clock"> = {},
  ): RoutingProfiler {
    if (json === null || typeof json !== "object" || json.version !== 1) {
      throw new TypeError("invalid RoutingProfiler JSON: expected an object with version 1");
    }
    const p = new RoutingProfiler({
      relativeAccuracy: json.relativeAccuracy,
      routingOperation: json.routingOperation,
      windowMs: json.windows.windowMs,
      maxWindows: json.windows.maxWindows,
      clock: options.clock,
    });
    p.queries.merge(SeriesStats.fromJSON(json.queries));
    const load = (m: Map<string, SeriesStats>, data: Record<string, SeriesStatsJSON>) => {
      for (const [n, s] of Object.entries(data)) m.set(n, SeriesStats.fromJSON(s));
    };
    load(p.backends, json.backends);
    load(p.patterns, json.patterns);
    load(p.queryTypes, json.queryTypes);
    load(p.operations, json.operations);
    p.windows.merge(TimeWindows.fromJSON(json.windows));
    p.cacheHits = json.cache.hits;
    p.cacheMisses = json.cache.misses;
    if (json.firstAt !== null && json.lastAt !== null) {
      p.firstAt = json.firstAt;
      p.lastAt = json.lastAt;
    }
    p.wallElapsedBase = json.wallElapsedMs;
    return p;
  }

  private wallElapsedMs(): number {
    return Math.max(this.wallElapsedBase, this.clock() - this.startedAt);
  }

  private newSeries(): SeriesStats {
    return new SeriesStats({ relativeAccuracy: this.relativeAccuracy });
  }

  private series(map: Map<string, SeriesStats>, name: string): SeriesStats {
    let s = map.get(name);
    if (s === undefined) {
      s = this.newSeries();
      map.set(name, s);
    }
    return s;
  }

  // Positional on purpose: `record(row)` and `recordQuery(q)` share it without building an
  // intermediate object per record.
  private query(
    latencyMs: number,
    backend: string | undefined,
    pattern: string | undefined,
    queryType: string | undefined,
    at: number | undefined,
    status: RequestStatus | undefined,
    success: boolean | undefined,
    relevance: number | undefined,
    cacheHit: boolean | undefined,
  ): void {
    this.queries.addOutcome(latencyMs, status, success, relevance);
    if (pattern !== undefined) {
      this.series(this.patterns, pattern).addOutcome(latencyMs, status, success, relevance);
    }
    if (queryType !== undefined) {
      this.series(this.queryTypes, queryType).addOutcome(latencyMs, status, success, relevance);
    }
    if (cacheHit !== undefined) {
      if (cacheHit) this.cacheHits++;
      else this.cacheMisses++;
    }
    if (at !== undefined) {
      if (!Number.isFinite(at)) throw new RangeError(`time must be finite, got ${at}`);
      if (at < this.firstAt) this.firstAt = at;
      if (at > this.lastAt) this.lastAt = at;
      this.windows.record(at, latencyMs, backend, status, cacheHit);
    }
  }
}

function isPromiseLike<T>(v: T): v is T & PromiseLike<Awaited<T>> {
  return (
    v !== null &&
    (typeof v === "object" || typeof v === "function") &&
    typeof (v as { then?: unknown }).then === "function"
  );
}

function named(map: Map<string, SeriesStats>): NamedSeriesSummary[] {
  let total = 0;
  for (const s of map.values()) total += s.count;
  const out: NamedSeriesSummary[] = [];
  for (const [name, s] of map) {
    out.push({ name, share: total === 0 ? 0 : s.count / total, ...s.summary() });
  }
  return out.sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1));
}

function mergeMaps(
  into: Map<string, SeriesStats>,
  from: Map<string, SeriesStats>,
  make: () => SeriesStats,
): void {
  for (const [n, s] of from) {
    let have = into.get(n);
    if (have === undefined) {
      have = make();
      into.set(n, have);
    }
    have.merge(s);
  }
}
