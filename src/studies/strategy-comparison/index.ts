export { queryTypeMarkdown, strategyTableOrder, strategyTotalsMarkdown } from "./markdown.js";
export {
  COMPARED_STRATEGIES,
  type StrategyComparisonPlan,
  strategyComparisonPlan,
} from "./plan.js";
export type {
  QueryTypeStrategy,
  QueryTypeSummary,
  StrategyComparisonResult,
  StrategySummary,
} from "./result.js";
export { runStrategyComparison, type StrategyComparisonOptions } from "./run.js";
