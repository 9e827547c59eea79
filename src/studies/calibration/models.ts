/** Notebook 07, calibration: the three ways it chooses a backend's latency model. */
import { type FitTraceOptions, fitTrace, type TraceFit } from "../../calibration/fit-trace.js";
import type { TraceRow } from "../../traces/trace-row.js";

/** How a scenario's latency models are chosen from the trace. */
export type CalibrationModel = "aic" | "byQueryType" | "empirical";

/** What each model means, for tables and legends. */
export const CALIBRATION_MODEL_LABELS: Readonly<Record<CalibrationModel, string>> = {
  aic: "parametric (AIC)",
  byQueryType: "per-type mixture (AIC)",
  empirical: "empirical quantiles",
};

const FIT_OPTIONS: Readonly<Record<CalibrationModel, FitTraceOptions>> = {
  aic: {},
  byQueryType: { byQueryType: true },
  empirical: { latency: { choose: "empirical" } },
};

/**
 * Fits a trace the way a model says: `aic` picks lognormal, gamma or Weibull by AIC;
 * `byQueryType` also lets a mixture with one component per query type compete; `empirical`
 * keeps the quantile summary.
 *
 * @param rows the trace's rows
 * @param model how to choose each backend's latency model (default `aic`)
 * @returns the fit
 * @throws {RangeError} on an empty trace
 * @example fitCalibrationModel(trace.rows, "empirical")
 */
export function fitCalibrationModel(
  rows: readonly TraceRow[],
  model: CalibrationModel = "aic",
): TraceFit {
  return fitTrace(rows, FIT_OPTIONS[model]);
}
