export { type ProfiledSimulation, profileSimulation } from "./profile-simulation.js";
export { type Horizon, recommendationHorizon } from "./recommendation-horizon.js";
export {
  applyAction,
  basePatternLabel,
  claimOf,
  formatWhatIfMetric,
  type WhatIfBase,
  type WhatIfOptions,
  whatIf,
  whatIfAll,
  whatIfMetrics,
} from "./what-if.js";
export { type Verdict, whatIfVerdict } from "./what-if-verdict.js";
