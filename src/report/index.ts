export {
  type Cell,
  type ChecklistItem,
  ReportBuilder,
  type ResultSource,
  type SourcedValue,
} from "./document.js";
export { formatValue, type ValueFormat } from "./format.js";
export type { Provenance } from "./provenance.js";
export { valueAt } from "./value-at.js";
export { parseTables, verifyReport } from "./verify.js";
