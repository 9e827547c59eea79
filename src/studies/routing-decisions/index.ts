export { type ClassificationStudyOptions, runClassificationStudy } from "./classification.js";
export { type DecisionSpeedStudyOptions, runDecisionSpeedStudy } from "./decision-speed.js";
export {
  classificationAccuracyMarkdown,
  classificationExamplesMarkdown,
  decisionSpeedMarkdown,
  oldSystemExamplesMarkdown,
} from "./markdown.js";
export { OLD_SYSTEM_EXAMPLES } from "./old-system-examples.js";
export { type DecisionSpeedPlan, type DecisionSpeedSettings, decisionSpeedPlan } from "./plan.js";
export {
  type ClassificationStudy,
  type DecisionSpeedStudy,
  type ExampleDecision,
  type OldSystemExample,
  type OldSystemSpeed,
  type RoutingDecisionsResult,
  routingDecisionsResult,
  type StrategySpeed,
  type TypeAccuracy,
} from "./result.js";
