import { createReadStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { isSystemError, systemErrorReason } from "../io/system-error.js";
import type { ParsedTrace } from "./parse-trace.js";
import { TraceFormatError } from "./trace-format-error.js";
import { type TraceParseOptions, TraceParser, type TraceParseSummary } from "./trace-parser.js";
import type { TraceRow } from "./trace-row.js";

/**
 * Streams a trace file row by row without holding it in memory: a 1e6-row trace needs only
 * one chunk (64 KiB) at a time. The visitor sees each valid row once, in file order.
 *
 * Rows reach the visitor before later lines are validated, so without `skipInvalid` a bad line
 * throws after earlier rows were visited: callers that must not act on a partial parse should
 * accumulate (e.g. into a profiler) and only report after this resolves.
 *
 * @param path the CSV file
 * @param visit called with each valid row
 * @param options `skipInvalid`, `maxIssues` (`source` defaults to `path`)
 * @returns the summary: rows, skipped rows and their first problems
 * @throws {TraceFormatError} for an unreadable or empty file, a missing column or (without
 * `skipInvalid`) an invalid row, naming the line
 * @example await visitTrace("data/traces/sample.csv", (row) => profiler.record(row))
 */
export async function visitTrace(
  path: string,
  visit: (row: TraceRow) => void,
  options: TraceParseOptions = {},
): Promise<TraceParseSummary> {
  const parser = new TraceParser({ ...options, source: options.source ?? path });
  const decoder = new StringDecoder("utf8");
  let carry = "";
  let lineNumber = 0;
  const stream = createReadStream(path, { highWaterMark: 1 << 16 });
  try {
    for await (const chunk of stream) {
      const text = carry + decoder.write(chunk as Buffer);
      let start = 0;
      for (;;) {
        const end = text.indexOf("\n", start);
        if (end === -1) break;
        const row = parser.pushLine(text.slice(start, end), ++lineNumber);
        if (row !== undefined) visit(row);
        start = end + 1;
      }
      carry = text.slice(start);
    }
  } catch (err) {
    stream.destroy();
    if (err instanceof TraceFormatError) throw err;
    // Any failure to open or read the file (missing, a folder, ENOTDIR, EIO, …) is the input's.
    if (isSystemError(err)) {
      throw new TraceFormatError(path, 0, `cannot read (${systemErrorReason(err)})`);
    }
    throw err;
  }
  const rest = carry + decoder.end();
  if (rest.length > 0) {
    const row = parser.pushLine(rest, ++lineNumber);
    if (row !== undefined) visit(row);
  }
  return parser.finish();
}

/**
 * Reads a whole trace file into memory (streamed while reading).
 *
 * @param path the CSV file
 * @param options `skipInvalid`, `maxIssues`
 * @returns the valid rows and the summary
 * @throws {TraceFormatError} as {@link visitTrace}
 * @example const { rows } = await readTrace("data/traces/sample.csv")
 */
export async function readTrace(
  path: string,
  options: TraceParseOptions = {},
): Promise<ParsedTrace> {
  const rows: TraceRow[] = [];
  const summary = await visitTrace(path, (row) => rows.push(row), options);
  return { rows, summary };
}
