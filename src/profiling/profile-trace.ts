import { formatCount } from "../format/number.js";
import { visitTrace } from "../traces/read-trace.js";
import type { TraceParseOptions, TraceParseSummary } from "../traces/trace-parser.js";
import type { TraceRow } from "../traces/trace-row.js";
import { type OutcomeTable, OutcomeTally } from "./outcome-table.js";
import type { ProfileSource } from "./profile-analysis.js";
import { RoutingProfiler, type RoutingProfilerOptions } from "./routing-profiler.js";

/** Options for {@link profileTrace}. */
export interface ProfileTraceOptions extends TraceParseOptions {
  profiler?: RoutingProfilerOptions;
  /** Relevance an answer needs to count as a success in the outcome table (default 0.7). */
  minRelevance?: number;
  /** Also keep the rows in memory (to fit them); default false: memory stays flat. */
  keepRows?: boolean;
}

/** A trace read into a profiler. */
export interface ProfiledTrace {
  profiler: RoutingProfiler;
  parse: TraceParseSummary;
  /** Header, counts and timing for the report. */
  source: ProfileSource;
  /** Success and relevance per backend and per backend × query type. */
  outcomes: OutcomeTable;
  /** The rows, when `keepRows` was set. */
  rows?: TraceRow[];
}

/**
 * Streams a trace file into a {@link RoutingProfiler}: memory stays flat however many rows
 * (a 1e6-row trace is never held in memory). Each row is one request to its backend; queries
 * are counted once each, as `RoutingProfiler.record` assembles them (by `query_id` and
 * `primary`; see `TraceQueries`), and the source's notes say how.
 *
 * @param path the CSV trace (format: `data/traces/README.md`)
 * @param options `skipInvalid`, `maxIssues`, profiler options, the outcome table's minimum
 *   relevance, whether to keep the rows
 * @returns the profiler, the parse summary and the wall time it took
 * @throws {TraceFormatError} naming the line, for an empty file, a missing column or (without
 * `skipInvalid`) any invalid row; then nothing is returned, so nothing partial is reported
 * @example const { profiler } = await profileTrace("trace.csv"); profiler.report().queries.p99
 */
export async function profileTrace(
  path: string,
  options: ProfileTraceOptions = {},
): Promise<ProfiledTrace> {
  const t0 = performance.now();
  const profiler = new RoutingProfiler(options.profiler);
  const tally = new OutcomeTally(options.minRelevance ?? 0.7);
  const rows: TraceRow[] | undefined = options.keepRows ? [] : undefined;
  const parse = await visitTrace(
    path,
    (row) => {
      profiler.record(row);
      tally.add(row.backend, row.queryType, row.status, row.relevance, row.success);
      rows?.push(row);
    },
    options,
  );
  profiler.closeQueries();
  const elapsedMs = performance.now() - t0;
  return {
    profiler,
    parse,
    source: {
      label: `trace ${path}`,
      rows: parse.rows,
      skipped: parse.skipped,
      issues: parse.issues.map((i) => `line ${i.line}: ${i.problem}`),
      ignoredColumns: parse.ignoredColumns,
      elapsedMs,
      notes: queryNotes(profiler, parse.rows),
    },
    outcomes: tally.table(),
    ...(rows === undefined ? {} : { rows }),
  };
}

/** How the trace's rows became the report's queries, when they are not one each. */
function queryNotes(profiler: RoutingProfiler, rows: number): string[] {
  const queries = profiler.queryCount;
  const grouping = profiler.traceGrouping;
  if (queries === rows && (grouping === undefined || grouping.groupedRows === 0)) return [];
  const notes = [
    `${formatCount(queries)} queries in ${formatCount(rows)} rows: backend figures count every request; query figures count each query once (rows sharing a query_id are one query, a row without one is a query when primary)`,
    "a query's outcome is its slo_met when the trace has it; its latency runs from its first request's start (timestamp − latency_ms) to its end: the last request's completion, or for hedged its first answer's and for parallel:rule=first-k its k-th answer's (without timestamps, the primary row's latency)",
  ];
  if (grouping !== undefined && grouping.withoutPrimary > 0) {
    notes.push(
      `${formatCount(grouping.withoutPrimary)} queries have no primary row (a cancelled request is not logged): they are timed from their first logged request, which understates their latency`,
    );
  }
  if (grouping !== undefined && grouping.lateRows > 0) {
    notes.push(
      `${formatCount(grouping.lateRows)} rows came after their query was closed (too far from its other rows) and count as requests only`,
    );
  }
  return notes;
}
