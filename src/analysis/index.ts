export { type ProfiledSimulation, profileSimulation } from "./profile-simulation.js";
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
