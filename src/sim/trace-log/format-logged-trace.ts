import type { DecisionLog } from "./decision-log.js";

/** The columns of a logged trace, in the order they are written. */
export const LOGGED_TRACE_COLUMNS = [
  "timestamp",
  "query_id",
  "query",
  "query_type",
  "pattern",
  "backend",
  "available",
  "propensity",
  "primary",
  "latency_ms",
  "relevance",
  "status",
  "success",
  "slo_met",
  "cache_hit",
] as const;

/** Options of {@link formatLoggedTrace}. */
export interface FormatLoggedTraceOptions {
  /** The SLO's minimum relevance: a request's `success` is an answer with at least this. */
  minRelevance: number;
}

/**
 * Writes a decision log as trace CSV (format: `data/traces/README.md`), one row per request
 * that came back: see {@link loggedTraceLines}.
 *
 * @param log the run's decision log
 * @param options the SLO's minimum relevance
 * @returns the CSV text, header first
 * @example writeFileAtomic("trace.csv", formatLoggedTrace(log, { minRelevance: 0.7 }))
 */
export function formatLoggedTrace(log: DecisionLog, options: FormatLoggedTraceOptions): string {
  return [...loggedTraceLines(log, options)].join("");
}

/**
 * A decision log's trace CSV line by line (each with its line break), so a long run's trace
 * can be written without holding it as one string. Numbers keep every digit (propensities
 * exactly as the router gave them); text is quoted when it holds a comma, a quote or
 * surrounding spaces, and line breaks in it become spaces (a trace row is one line).
 * `cache_hit` is left empty: a query the scenario's result cache answered was not routed and
 * sent no request, so it has no row (see {@link DecisionLog}).
 *
 * @param log the run's decision log
 * @param options the SLO's minimum relevance
 * @returns the lines, header first
 * @example writeFileAtomic("trace.csv", loggedTraceLines(log, { minRelevance: 0.7 }))
 */
export function* loggedTraceLines(
  log: DecisionLog,
  options: FormatLoggedTraceOptions,
): IterableIterator<string> {
  yield `${LOGGED_TRACE_COLUMNS.join(",")}\n`;
  const pattern = csvField(log.pattern);
  for (const r of log.rows()) {
    const status = r.timedOut ? "timeout" : r.failed ? "error" : "ok";
    const success = !r.failed && r.relevance >= options.minRelevance;
    yield `${[
      r.now,
      r.queryId,
      r.query === undefined ? "" : csvField(r.query),
      r.queryType === undefined ? "" : csvField(r.queryType),
      pattern,
      r.backend,
      r.available,
      Number.isNaN(r.propensity) ? "" : r.propensity,
      r.first,
      r.latencyMs,
      r.relevance,
      status,
      success,
      r.sloMet === undefined ? "" : r.sloMet,
      "",
    ].join(",")}\n`;
  }
}

/** A CSV field: quoted when the parser would otherwise split, unquote or trim it. */
function csvField(text: string): string {
  const one = text.replace(/[\r\n]+/g, " ");
  return /[",]|^\s|\s$/.test(one) ? `"${one.replaceAll('"', '""')}"` : one;
}
