import { parsePatternSpec } from "../patterns/spec.js";
import type { TraceRow } from "../traces/trace-row.js";
import type { QueryRecord } from "./routing-profiler.js";

/** Options of a {@link TraceQueries}. */
export interface TraceQueriesOptions {
  /**
   * Most queries kept open (rows of one `query_id` still being gathered) before the one seen
   * first is closed; as many closed ids are remembered, so a late row is recognised. Default
   * 4,096: a simulator's trace holds a query's rows within (queries in flight) rows of each
   * other, about 200 at 200 queries/s and 1 s latency. Memory is bounded by it, not by the
   * trace's length. Larger costs time, not correctness: an open query that outlives a few
   * young-generation collections is promoted, and 1e6 hedged rows took 5.2 s at 1,024, 6.4 s
   * at 4,096 and 6.9 s at 16,384 (3.6 s when every row counted as a query).
   */
  maxOpen?: number;
}

/**
 * Which of a query's rows is its answer, and when the query ended, by the execution pattern
 * that wrote them (the simulator's rules, `src/sim/patterns/`).
 */
interface QueryRule {
  /** One request per query: a primary row is the whole query (feed-forward). */
  single: boolean;
  /** `first`: the first request that did not fail; `best`: the most relevant one; `last`. */
  answer: "first" | "best" | "last";
  /** The query ends at its k-th answered request (0: at its last request). */
  firstK: number;
  /** The query ends at most this long after its first request started. */
  deadlineMs: number;
}

const UNKNOWN_RULE: QueryRule = {
  single: false,
  answer: "best",
  firstK: 0,
  deadlineMs: Number.POSITIVE_INFINITY,
};

/**
 * The rule of a `pattern` cell. Unknown or absent patterns get {@link UNKNOWN_RULE}: the
 * query counts as answered when any request was, and ends with its last request.
 */
function ruleOf(pattern: string | undefined): QueryRule {
  if (pattern === undefined) return UNKNOWN_RULE;
  let spec: ReturnType<typeof parsePatternSpec>;
  try {
    spec = parsePatternSpec(pattern);
  } catch {
    return UNKNOWN_RULE;
  }
  switch (spec.name) {
    case "feed-forward":
      return { ...UNKNOWN_RULE, single: true, answer: "last" };
    case "hedged":
      return { ...UNKNOWN_RULE, answer: "first", firstK: 1 };
    case "chain":
      return { ...UNKNOWN_RULE, answer: "last" };
    case "parallel":
      return {
        ...UNKNOWN_RULE,
        firstK: spec.rule === "first-k" ? (spec.k ?? 1) : 0,
        // A deadline left to the SLO's latency is unknown here: the last request bounds it.
        deadlineMs:
          spec.rule === "deadline" && spec.deadlineMs !== undefined
            ? spec.deadlineMs
            : Number.POSITIVE_INFINITY,
      };
    default:
      return UNKNOWN_RULE; // recursive: the best answer, at the last request
  }
}

/**
 * A query whose rows are still being gathered: running figures copied out of its rows, not
 * the rows (a kept row would live on into the old generation and cost the collector).
 */
interface OpenQuery {
  rule: QueryRule;
  rows: number;
  /** Whether the head fields come from a primary row (else from the first row). */
  hasPrimary: boolean;
  backend: string;
  pattern?: string;
  queryType?: string;
  cacheHit?: boolean;
  headLatency: number;
  /** Whether every row had a timestamp. */
  timed: boolean;
  /** The earliest request start (timestamp − latency), that request's latency and completion. */
  start: number;
  startLatency: number;
  startAt: number;
  /** The row with the latest completion (file order without timestamps). */
  latestAt: number;
  latest: Outcome;
  /** The answer so far: the first or most relevant answered row; undefined while none. */
  answerAt: number;
  answer?: Outcome;
  /** Completion times of the first `firstK` answered rows, ascending (only when firstK > 0). */
  okTimes?: number[];
  sloMet?: boolean;
}

/** A row's outcome, as a query's answer takes it. */
interface Outcome {
  status?: TraceRow["status"];
  relevance?: number;
  success?: boolean;
}

/**
 * Turns trace rows (requests) into queries, one {@link QueryRecord} per query, for the
 * profiler's query-level series. A row without `query_id` is a query by itself when it is
 * primary (`primary` true or empty), and only a request otherwise. Rows sharing a `query_id`
 * are one query, whatever their order; under a single-call pattern (`feed-forward`) a primary
 * row closes its query at once.
 *
 * What a query's figures are:
 * - **outcome**: `slo_met` when the trace has it (the objective: relevant and on time), else the
 *   answer's own `success`;
 * - **answer** (status, relevance): by the `pattern` cell, as the simulator decides it —
 *   `hedged`: the first request that did not fail; `chain`: the last stage; `parallel`,
 *   `recursive` and unknown patterns: the most relevant request that did not fail; with none,
 *   the last request;
 * - **latency**: with timestamps on every row, from the earliest request's start (`timestamp` −
 *   `latency_ms`) to the query's end: the last request's completion, or for `hedged` the
 *   answer's and for `parallel:rule=first-k` the k-th answered request's (a request that ran
 *   on after the answer does not count); without timestamps, the primary row's latency (the
 *   first row's when none is primary).
 *
 * A cancelled request has no row, so a query whose primary request was cancelled (`hedged` or
 * `parallel` with `cancel=true`) is timed from its first logged request: too short by the
 * hedge's delay ({@link withoutPrimary} counts them).
 *
 * State is bounded: at most `maxOpen` open queries and as many closed ids. A row whose query
 * was closed already counts as a request only ({@link lateRows}).
 */
export class TraceQueries {
  private readonly open = new Map<string, OpenQuery>();
  private readonly closed = new Set<string>();
  /**
   * Ids in the order they opened and closed, as rings: the oldest is found in O(1). (A Map's
   * own first key is not: after many deletions from its front, V8 skips the holes one by
   * one, which made a 1e6-row hedged trace take 52 s instead of 4.)
   */
  private readonly openRing: string[];
  private openNext = 0;
  private readonly closedRing: string[];
  private closedNext = 0;
  private readonly rules = new Map<string | undefined, QueryRule>();
  private readonly maxOpen: number;
  /** Rows whose query had been closed already (its rows were further apart than `maxOpen`). */
  lateRows = 0;
  /** Rows gathered by `query_id`. */
  groupedRows = 0;
  /**
   * Queries with no primary row (e.g. a hedge won and the primary request was cancelled, so
   * never logged): timed from their first logged request's start, which is later than the
   * query's arrival.
   */
  withoutPrimary = 0;

  /**
   * @param emit receives each query when it closes
   * @param options the bound on open queries
   * @throws {RangeError} when `maxOpen` is not a positive integer
   */
  constructor(
    private readonly emit: (q: QueryRecord) => void,
    options: TraceQueriesOptions = {},
  ) {
    this.maxOpen = options.maxOpen ?? 4096;
    if (!Number.isInteger(this.maxOpen) || this.maxOpen < 1) {
      throw new RangeError(`maxOpen must be a positive integer, got ${this.maxOpen}`);
    }
    this.openRing = new Array<string>(this.maxOpen);
    this.closedRing = new Array<string>(this.maxOpen);
  }

  /**
   * Adds one row with a `query_id`.
   *
   * @param row a trace row whose `queryId` is set
   */
  add(row: TraceRow): void {
    const id = row.queryId as string;
    let rule = this.rules.get(row.pattern);
    if (rule === undefined) {
      rule = ruleOf(row.pattern);
      this.rules.set(row.pattern, rule);
    }
    const q = this.open.get(id);
    if (q === undefined) {
      if (rule.single && row.primary !== false) {
        this.emit(queryOfRow(row));
        return;
      }
      if (this.closed.has(id)) {
        this.lateRows++;
        return;
      }
      // Full: the slot to write holds the oldest open id (ids are written in opening order
      // and only the oldest, or all at a flush, ever close).
      if (this.open.size === this.maxOpen) this.close(this.openRing[this.openNext]);
      this.openRing[this.openNext] = id;
      this.openNext = (this.openNext + 1) % this.maxOpen;
      this.open.set(id, openQuery(row, rule));
      this.groupedRows++;
      return;
    }
    this.groupedRows++;
    gather(q, row);
  }

  /** Closes every open query (after the last row). */
  flush(): void {
    for (const id of [...this.open.keys()]) this.close(id);
  }

  /** Queries still open. */
  get openCount(): number {
    return this.open.size;
  }

  private close(id: string): void {
    const q = this.open.get(id) as OpenQuery;
    this.open.delete(id);
    const forgotten = this.closedRing[this.closedNext];
    if (forgotten !== undefined) this.closed.delete(forgotten);
    this.closedRing[this.closedNext] = id;
    this.closedNext = (this.closedNext + 1) % this.maxOpen;
    this.closed.add(id);
    if (!q.hasPrimary) this.withoutPrimary++;
    this.emit(queryOf(q));
  }
}

/** A single row as its own query. */
function queryOfRow(row: TraceRow): QueryRecord {
  return {
    latencyMs: row.latencyMs,
    backend: row.backend,
    pattern: row.pattern,
    queryType: row.queryType,
    at: row.timestamp,
    status: row.status,
    success: row.sloMet ?? row.success,
    relevance: row.relevance,
    cacheHit: row.cacheHit,
  };
}

function openQuery(row: TraceRow, rule: QueryRule): OpenQuery {
  const at = row.timestamp;
  const q: OpenQuery = {
    rule,
    rows: 1,
    hasPrimary: row.primary !== false,
    backend: row.backend,
    pattern: row.pattern,
    queryType: row.queryType,
    cacheHit: row.cacheHit,
    headLatency: row.latencyMs,
    timed: at !== undefined,
    start: at === undefined ? Number.NaN : at - row.latencyMs,
    startLatency: row.latencyMs,
    startAt: at ?? Number.NaN,
    latestAt: at ?? Number.NaN,
    latest: outcomeOf(row),
    answerAt: Number.NaN,
    okTimes: rule.firstK > 0 ? [] : undefined,
    sloMet: row.sloMet,
  };
  answered(q, row);
  return q;
}

function outcomeOf(row: TraceRow): Outcome {
  return { status: row.status, relevance: row.relevance, success: row.success };
}

/** Folds one more row into an open query. */
function gather(q: OpenQuery, row: TraceRow): void {
  q.rows++;
  if (!q.hasPrimary && row.primary !== false) {
    q.hasPrimary = true;
    q.backend = row.backend;
    q.pattern = row.pattern;
    q.queryType = row.queryType;
    q.cacheHit = row.cacheHit;
    q.headLatency = row.latencyMs;
  }
  if (row.sloMet !== undefined) q.sloMet = row.sloMet;
  const at = row.timestamp;
  if (at === undefined) q.timed = false;
  if (!q.timed || at === undefined) {
    q.latest = outcomeOf(row);
  } else {
    if (at >= q.latestAt) {
      q.latestAt = at;
      q.latest = outcomeOf(row);
    }
    const start = at - row.latencyMs;
    if (start < q.start) {
      q.start = start;
      q.startLatency = row.latencyMs;
      q.startAt = at;
    }
  }
  answered(q, row);
}

/** Takes an answered row (status not error or timeout) as the answer when the rule says so. */
function answered(q: OpenQuery, row: TraceRow): void {
  if (row.status === "error" || row.status === "timeout") return;
  const rule = q.rule;
  const at = row.timestamp;
  const a = q.answer;
  if (
    a === undefined ||
    (rule.answer === "first" && q.timed && at !== undefined && at < q.answerAt) ||
    (rule.answer === "best" && (row.relevance ?? -1) > (a.relevance ?? -1))
  ) {
    q.answer = outcomeOf(row);
    q.answerAt = at ?? Number.NaN;
  }
  const t = q.okTimes;
  if (t !== undefined && at !== undefined) {
    if (t.length < rule.firstK || at < t[t.length - 1]) {
      if (t.length === rule.firstK) t.pop();
      let i = t.length;
      while (i > 0 && t[i - 1] > at) i--;
      t.splice(i, 0, at);
    }
  }
}

/** A closed query's record. */
function queryOf(q: OpenQuery): QueryRecord {
  const rule = q.rule;
  const answer = rule.answer === "last" ? q.latest : (q.answer ?? q.latest);
  let latencyMs = q.headLatency;
  let at: number | undefined;
  if (q.timed) {
    const t = q.okTimes;
    let end =
      t !== undefined && t.length === rule.firstK
        ? t[rule.firstK - 1]
        : rule.answer === "first" && q.answer !== undefined
          ? q.answerAt
          : q.latestAt;
    end = Math.min(end, q.start + rule.deadlineMs);
    // One request from start to end: its own latency, without the subtraction's rounding.
    latencyMs = end === q.startAt ? q.startLatency : Math.max(0, end - q.start);
    at = end;
  }
  return {
    latencyMs,
    backend: q.backend,
    pattern: q.pattern,
    queryType: q.queryType,
    at,
    status: answer.status,
    success: q.sloMet ?? answer.success,
    relevance: answer.relevance,
    cacheHit: q.cacheHit,
  };
}
