export {
  type Cell,
  type ChecklistItem,
  ReportBuilder,
  type ResultSource,
  type SourcedValue,
} from "./document.js";
export { formatValue, type ValueFormat } from "./format.js";
export { buildPerformanceSummary, type PerformanceSummaryOptions } from "./performance-summary.js";
export type { Provenance } from "./provenance.js";
export { readSummarySources, SUMMARY_FILES, type SummarySources } from "./summary-sources.js";
export { valueAt } from "./value-at.js";
export { assertReportConsistent, parseTables, verifyReport } from "./verify.js";
