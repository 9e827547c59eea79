export {
  exportPriors,
  type PriorsExport,
  type TunedPriorsFile,
  tunedBanditParams,
} from "./export-priors.js";
export { formatSweepReport } from "./format-sweep-report.js";
export {
  formatGridSpec,
  GRID_SPEC_FORM,
  type GridDimension,
  type GridSpec,
  GridSpecError,
  parseGridSpec,
} from "./grid-spec.js";
export {
  BASELINE_SETTING,
  betaPrior,
  gridCells,
  type PriorSetting,
  type SweepCell,
  thompsonOptions,
} from "./prior-setting.js";
export {
  type PriorSweepOptions,
  type PriorSweepReport,
  runPriorSweep,
  type SweepProgress,
  type SweepRunInfo,
} from "./run-sweep.js";
export {
  type CellResult,
  type CellSummary,
  type DimensionSensitivity,
  type SweepSummary,
  summariseSweep,
} from "./summarise-sweep.js";
export { type SweepAdvice, type SweepVerdict, sweepAdvice } from "./sweep-advice.js";
export { type SweepManifest, SweepStore } from "./sweep-store.js";
export {
  type RunSummary,
  runSummary,
  runSweepTask,
  type SweepTask,
  simulationTask,
} from "./sweep-task.js";
