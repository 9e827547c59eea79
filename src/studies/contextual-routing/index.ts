export { adaptivePatternMarkdown, learnerTableMarkdown } from "./markdown.js";
export {
  CONTEXTUAL_STRATEGIES,
  type ContextualRoutingPlan,
  contextualRoutingPlan,
  DRIFT_STRATEGIES,
  TIMED_POLICIES,
} from "./plan.js";
export type {
  AdaptiveScenario,
  ContextualRoutingResult,
  LearnedPattern,
  LearnerComparison,
  LearnerSummary,
  PatternShare,
  PolicySpeed,
} from "./result.js";
export { type ContextualRoutingOptions, perTypeFloor, runContextualRouting } from "./run.js";
