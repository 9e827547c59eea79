export { formatOpeStudy } from "./markdown.js";
export { type OpeStudyPlan, opeStudyPlan } from "./plan.js";
export type { ClipRow, EstimatorSummary, OpeStudyResult, PolicyRow } from "./result.js";
export { runOpeStudy } from "./run.js";
