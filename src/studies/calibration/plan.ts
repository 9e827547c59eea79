/** Notebook 07, calibration: which trace it calibrates from, and how long it re-simulates. */
import { join } from "node:path";
import { projectRoot } from "../../lab/settings.js";
import type { CalibrationModel } from "./models.js";

/** What notebook 07 runs. */
export interface CalibrationPlan {
  /** The trace to calibrate from. */
  traceFile: string;
  /** Queries simulated per fitted scenario. */
  rounds: number;
  percentiles: number[];
  models: CalibrationModel[];
}

/**
 * The notebook's workload: the measured sample trace, and a re-simulation long enough that
 * each backend's simulated p99 rests on a few hundred requests in quick mode (the random
 * logging policy spreads `rounds` over five backends) and on over a thousand in full mode.
 *
 * @param settings `quick` from `labSettings()`
 * @returns the trace, rounds, percentiles and models
 */
export function calibrationPlan(settings: { quick: boolean }): CalibrationPlan {
  return {
    traceFile: join(projectRoot, "data", "traces", "sample-measured.csv"),
    rounds: settings.quick ? 15_000 : 60_000,
    percentiles: [50, 90, 95, 99],
    models: ["aic", "byQueryType", "empirical"],
  };
}
