export { type Horizon, recommendationHorizon } from "./horizon.js";
export { type ProfiledSimulation, profileSimulation } from "./profile-simulation.js";
export { relevantBackendsOfScenario } from "./relevant-backends.js";
export { type RoutingByTypeOptions, routingByType } from "./routing-by-type.js";
export {
  repsToSeparate,
  SIMULATE_LEGEND,
  type StrategyVerdict,
  strategyVerdict,
} from "./strategy-verdict.js";
export {
  TRACE_MIX_STRATEGY,
  type TraceModel,
  type TraceModelOptions,
  traceMixStrategy,
  traceModel,
} from "./trace-model.js";
export {
  unverified,
  type VerifiedAdvice,
  type VerifyAdviceOptions,
  verifyAdvice,
} from "./verify-advice.js";
export {
  applyAction,
  basePatternLabel,
  claimOf,
  formatWhatIfMetric,
  simulateRun,
  strategyOf,
  type WhatIfBase,
  type WhatIfOptions,
  whatIf,
  whatIfAll,
  whatIfMetrics,
} from "./what-if.js";
