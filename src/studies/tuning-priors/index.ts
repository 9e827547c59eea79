export { betaDensityCurve, type DensityPoint } from "./beta-density.js";
export {
  bestForgettingSetting,
  type ForgettingKind,
  type ForgettingSettingResult,
  type ForgettingStudy,
  type ForgettingStudyOptions,
  runForgettingStudy,
} from "./forgetting.js";
export { type PriorHeatmapOptions, type PriorHeatmapStudy, runPriorHeatmap } from "./heatmap.js";
export { priorSensitivityMarkdown, recommendedPriorsMarkdown } from "./markdown.js";
export { type TuningPriorsPlan, tuningPriorsPlan } from "./plan.js";
export {
  describeSetting,
  type PosteriorTrack,
  type PosteriorTrackOptions,
  runPosteriorTrack,
} from "./posterior-track.js";
export {
  type QueuedPriorSweepOptions,
  type QueueSweepCheck,
  type QueueSweepCheckOptions,
  queueSweepCheckMarkdown,
  runQueuedPriorSweep,
  runQueueSweepCheck,
  type SweepRunSide,
} from "./queued-sweep.js";
export {
  type TuningForgettingEntry,
  type TuningPriorsResult,
  tuningPriorsResult,
} from "./result.js";
