export { patternTableMarkdown, tailAtScaleMarkdown } from "./markdown.js";
export {
  type ExecutionPatternsPlan,
  executionPatternsPlan,
  PATTERN_CASES,
  type PatternCase,
  QUANTILE_GRID,
} from "./plan.js";
export type {
  ExecutionPatternsResult,
  FanOutCheck,
  HedgingCheck,
  PatternSummary,
} from "./result.js";
export { type ExecutionPatternsOptions, runExecutionPatterns } from "./run.js";
