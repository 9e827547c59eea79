export { type ParsedTrace, parseTrace } from "./parse-trace.js";
export { readTrace, visitTrace } from "./read-trace.js";
export { splitCsvLine } from "./split-csv-line.js";
export { TraceFormatError } from "./trace-format-error.js";
export {
  type TraceIssue,
  type TraceParseOptions,
  TraceParser,
  type TraceParseSummary,
} from "./trace-parser.js";
export {
  REQUIRED_TRACE_COLUMNS,
  TRACE_COLUMNS,
  type TraceRow,
  type TraceStatus,
} from "./trace-row.js";
