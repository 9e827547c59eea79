import { defaultClassifier } from "../routing/base-router.js";
import type { TraceRow } from "../traces/trace-row.js";
import { OpeInputError } from "./errors.js";

/** The thresholds of the project's one objective, when a trace's rows are judged by them. */
export interface SloThresholds {
  /** A query meets the SLO when its latency is at most this (ms)… */
  latencyMs: number;
  /** …and its answer's relevance at least this. */
  minRelevance: number;
}

/**
 * A trace's decisions in columns, ready for the estimators: one entry per decision (primary
 * row) in file order. Backends, query types and available sets are indices.
 */
export interface LoggedData {
  /** The trace's name, for messages. */
  source: string;
  /** Backend ids; `action` holds indices into it. */
  backends: readonly string[];
  /** Query types (the context the policies see); `type` holds indices into it. */
  types: readonly string[];
  /** Available sets as backend indices, in the trace's order; `set` holds indices into it. */
  sets: readonly (readonly number[])[];
  /** Number of decisions. */
  n: number;
  type: Int32Array;
  action: Int32Array;
  set: Int32Array;
  /** The logging policy's propensity of the action; NaN when the row has none. */
  propensity: Float64Array;
  /** 1 when the query met the SLO. */
  reward: Float64Array;
  /** The row's relevance (NaN when not recorded) and latency, for learners in replay. */
  relevance: Float64Array;
  latencyMs: Float64Array;
  /** Rows skipped as further requests of a query's pattern (`primary` = false). */
  secondaryRows: number;
  /** Decisions without a propensity. */
  missingPropensity: number;
  /** Whether the trace has an `available` column (without it, every backend is available). */
  hasAvailable: boolean;
  /** Whether some query had rows with `primary` = false (a multi-call pattern). */
  multiCall: boolean;
  /** Whether the rewards came from the thresholds rather than `slo_met`. */
  judged: boolean;
}

/** Options of {@link LoggedDataBuilder}. */
export interface LoggedDataOptions {
  /** The trace's name, for messages. */
  source: string;
  /**
   * Judge each decision by these thresholds (its row's relevance, latency and status) instead
   * of its `slo_met` cell. Without them every decision needs `slo_met`.
   */
  slo?: SloThresholds;
}

/** A Float64Array that grows by doubling. */
class Growable {
  data = new Float64Array(1024);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }
  ints(): Int32Array {
    return Int32Array.from(this.data.subarray(0, this.length));
  }
  floats(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

/** Index of a name in a list, interning new ones. */
function intern(map: Map<string, number>, list: string[], name: string): number {
  let i = map.get(name);
  if (i === undefined) {
    i = list.length;
    list.push(name);
    map.set(name, i);
  }
  return i;
}

/** Set index −1 stands for "every backend in the trace" until {@link LoggedDataBuilder.finish}. */
const ALL = -1;

/**
 * Collects a trace's rows (feed it `visitTrace`'s rows with {@link LoggedDataBuilder.push})
 * into {@link LoggedData}. Each primary row is one decision: its context is the query type
 * (`query_type`, else the `query` text classified by the old word patterns, else `unknown`)
 * and the backends available (`available`, else every backend the trace mentions, in order
 * of first appearance); its reward is `slo_met`, or with thresholds, relevance ≥ the minimum
 * and latency ≤ the SLO on a row whose status is not `error` or `timeout`.
 */
export class LoggedDataBuilder {
  private readonly source: string;
  private readonly slo?: SloThresholds;
  private readonly backendIndex = new Map<string, number>();
  private readonly backends: string[] = [];
  private readonly typeIndex = new Map<string, number>();
  private readonly types: string[] = [];
  private readonly setIndex = new Map<readonly string[], number>();
  private readonly setKeys = new Map<string, number>();
  private readonly sets: number[][] = [];
  private readonly cols = {
    type: new Growable(),
    action: new Growable(),
    set: new Growable(),
    propensity: new Growable(),
    reward: new Growable(),
    relevance: new Growable(),
    latencyMs: new Growable(),
  };
  private secondary = 0;
  private missingPropensity = 0;
  private noReward = 0;
  private unjudged = 0;
  private hasAvailable = false;

  /** @param options the trace's name and, optionally, the thresholds to judge rows by */
  constructor(options: LoggedDataOptions) {
    this.source = options.source;
    this.slo = options.slo;
  }

  /**
   * Adds one trace row.
   * @param row a parsed row (see `visitTrace`)
   */
  push(row: TraceRow): void {
    const backend = intern(this.backendIndex, this.backends, row.backend);
    if (row.primary === false) {
      this.secondary++;
      return;
    }
    const c = this.cols;
    c.type.push(intern(this.typeIndex, this.types, this.contextType(row)));
    c.action.push(backend);
    c.set.push(this.setOf(row.available));
    const p = row.propensity ?? Number.NaN;
    if (Number.isNaN(p)) this.missingPropensity++;
    c.propensity.push(p);
    c.reward.push(this.rewardOf(row));
    c.relevance.push(row.relevance ?? Number.NaN);
    c.latencyMs.push(row.latencyMs);
  }

  /**
   * @param columns the trace's header (from the parse summary), to name what is missing
   * @returns the decisions in columns
   * @throws {OpeInputError} when no row is a decision, or rows cannot be judged: no `slo_met`
   *   and no thresholds, or thresholds and no `relevance`
   */
  finish(columns: readonly string[]): LoggedData {
    const c = this.cols;
    const n = c.type.length;
    if (n === 0) {
      throw new OpeInputError(
        `${this.source}: no usable rows: all ${this.secondary} rows are further requests (primary = false), none is a decision`,
      );
    }
    if (this.noReward > 0) {
      const why = columns.includes("slo_met")
        ? `${this.noReward} of ${n} decisions have an empty slo_met cell`
        : "the trace has no slo_met column";
      throw new OpeInputError(
        `${this.source}: ${why}; give --scenario, or --slo-ms and --min-relevance, to judge rows by relevance and latency`,
      );
    }
    if (this.unjudged > 0) {
      const why = columns.includes("relevance")
        ? `${this.unjudged} of ${n} answered decisions have an empty relevance cell`
        : "the trace has no relevance column";
      throw new OpeInputError(
        `${this.source}: ${why}, so the SLO thresholds cannot judge them${columns.includes("slo_met") ? "; omit the thresholds to use slo_met" : ""}`,
      );
    }
    // "Every backend" resolves now that the trace has named them all.
    let all = -1;
    const set = c.set.ints();
    for (let i = 0; i < n; i++) {
      if (set[i] !== ALL) continue;
      if (all < 0) {
        all = this.sets.length;
        this.sets.push(this.backends.map((_, b) => b));
      }
      set[i] = all;
    }
    return {
      source: this.source,
      backends: this.backends,
      types: this.types,
      sets: this.sets,
      n,
      type: c.type.ints(),
      action: c.action.ints(),
      set,
      propensity: c.propensity.floats(),
      reward: c.reward.floats(),
      relevance: c.relevance.floats(),
      latencyMs: c.latencyMs.floats(),
      secondaryRows: this.secondary,
      missingPropensity: this.missingPropensity,
      hasAvailable: this.hasAvailable,
      multiCall: this.secondary > 0,
      judged: this.slo !== undefined,
    };
  }

  private contextType(row: TraceRow): string {
    if (row.queryType !== undefined) return row.queryType;
    if (row.query !== undefined) {
      const classifier = defaultClassifier();
      return classifier.types[classifier.typeIndexOf(row.query)];
    }
    return defaultClassifier().fallbackType;
  }

  private setOf(available: readonly string[] | undefined): number {
    if (available === undefined) return ALL;
    this.hasAvailable = true;
    // The parser shares one frozen array per distinct cell: one lookup per row.
    const known = this.setIndex.get(available);
    if (known !== undefined) return known;
    const ids = available.map((b) => intern(this.backendIndex, this.backends, b));
    const key = ids.join(",");
    let s = this.setKeys.get(key);
    if (s === undefined) {
      s = this.sets.length;
      this.sets.push(ids);
      this.setKeys.set(key, s);
    }
    this.setIndex.set(available, s);
    return s;
  }

  private rewardOf(row: TraceRow): number {
    const slo = this.slo;
    if (slo === undefined) {
      if (row.sloMet === undefined) {
        this.noReward++;
        return 0;
      }
      return row.sloMet ? 1 : 0;
    }
    if (row.status === "error" || row.status === "timeout") return 0;
    if (row.relevance === undefined) {
      this.unjudged++;
      return 0;
    }
    return row.relevance >= slo.minRelevance && row.latencyMs <= slo.latencyMs ? 1 : 0;
  }
}

/**
 * Builds {@link LoggedData} from rows in memory.
 *
 * @param rows trace rows in file order
 * @param options the trace's name and, optionally, thresholds
 * @param columns the header's columns, to name what is missing (default: inferred)
 * @returns the decisions in columns
 * @throws {OpeInputError} as {@link LoggedDataBuilder.finish}
 * @example loggedData(parseTrace(text).rows, { source: "t.csv" })
 */
export function loggedData(
  rows: Iterable<TraceRow>,
  options: LoggedDataOptions,
  columns: readonly string[] = [],
): LoggedData {
  const builder = new LoggedDataBuilder(options);
  for (const row of rows) builder.push(row);
  return builder.finish(columns);
}
