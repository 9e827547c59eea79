export { type Cell, type ChecklistItem, ReportBuilder } from "./document.js";
export { formatValue, type ValueFormat } from "./format.js";
export { buildPerformanceSummary, type PerformanceSummaryOptions } from "./performance-summary.js";
export type { Provenance } from "./provenance.js";
export { type ResultFieldIssue, ResultFileError } from "./result-file-error.js";
export {
  describeResultsOrigin,
  ORIGIN_FILE,
  type ResultsOrigin,
  writeResultsOrigin,
} from "./results-origin.js";
export {
  type ReportValue,
  type ResultSource,
  type SourcedValue,
  sourced,
} from "./sourced.js";
export { readSummarySources, SUMMARY_FILES, type SummarySources } from "./summary-sources.js";
export { AccessorError, trackPath } from "./track-path.js";
export { valueAt } from "./value-at.js";
export { assertReportConsistent, parseTables, verifyReport } from "./verify.js";
