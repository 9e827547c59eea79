import { type TraceParseOptions, TraceParser, type TraceParseSummary } from "./trace-parser.js";
import type { TraceRow } from "./trace-row.js";

/** Rows plus what reading them found. */
export interface ParsedTrace {
  rows: TraceRow[];
  summary: TraceParseSummary;
}

/**
 * Parses a whole trace held in memory. For large files prefer `visitTrace`, which streams.
 *
 * @param text CSV text: a header naming at least `backend` and `latency_ms`, then one row per
 * line (format: `data/traces/README.md`)
 * @param options source name for messages, `skipInvalid`
 * @returns the valid rows and a summary (skipped count, ignored columns)
 * @throws {TraceFormatError} naming the line and column, for an empty file, a missing column
 * or (without `skipInvalid`) an invalid row
 * @example parseTrace("backend,latency_ms\nqdrant,12.5\n").rows // [{ backend: "qdrant", latencyMs: 12.5 }]
 */
export function parseTrace(text: string, options: TraceParseOptions = {}): ParsedTrace {
  const parser = new TraceParser(options);
  const rows: TraceRow[] = [];
  let start = 0;
  let lineNumber = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    lineNumber++;
    // A final line break does not start another line.
    if (end === text.length && start === text.length && lineNumber > 1) break;
    const row = parser.pushLine(text.slice(start, end), lineNumber);
    if (row !== undefined) rows.push(row);
    start = end + 1;
  }
  return { rows, summary: parser.finish() };
}
