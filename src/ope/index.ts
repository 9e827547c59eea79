export { type BootstrapOptions, type BootstrapSummary, bootstrap } from "./bootstrap.js";
export { dm } from "./dm.js";
export { dr } from "./dr.js";
export { effectiveSampleSize } from "./effective-sample-size.js";
export { OpeInputError } from "./errors.js";
export { normalInterval, type OpeEstimate, Z95 } from "./estimate.js";
export type { Estimator, EstimatorName } from "./estimator.js";
export {
  ESTIMATORS,
  type EvaluateOptions,
  type EvaluationDiagnostics,
  type EvaluationReport,
  evaluateLogged,
  evaluateTrace,
  type IntervalMethod,
  readLoggedData,
} from "./evaluate.js";
export { formatEvaluation } from "./format-evaluation.js";
export { ips } from "./ips.js";
export {
  type LoggedData,
  LoggedDataBuilder,
  type LoggedDataOptions,
  loggedData,
  type SloThresholds,
} from "./logged-data.js";
export {
  type FixedPolicy,
  type LearningPolicy,
  POLICY_NAMES,
  parsePolicy,
  type TargetPolicy,
} from "./policy.js";
export { type ReplayOptions, type ReplayResult, rejectionKeep, replay } from "./replay.js";
export { fitRewardModel, type RewardModel } from "./reward-model.js";
export { type OpeSample, opeSample } from "./sample.js";
export { snips } from "./snips.js";
export { type TargetTable, targetTable } from "./target.js";
