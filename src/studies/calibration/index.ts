export {
  calibrationFitMarkdown,
  calibrationPercentilesMarkdown,
  calibrationTraceMarkdown,
} from "./markdown.js";
export { CALIBRATION_MODEL_LABELS, type CalibrationModel, fitCalibrationModel } from "./models.js";
export { type CalibrationPlan, calibrationPlan } from "./plan.js";
export {
  type CalibrationBackendResult,
  type CalibrationModelResult,
  type CalibrationModelRun,
  type CalibrationResimulation,
  type CalibrationResult,
  calibrationResult,
  KS_REJECT_BELOW,
} from "./result.js";
export { type CalibrationResimulationOptions, runCalibrationResimulation } from "./run.js";
