/** Notebook 07, calibration: does a scenario fitted to the trace reproduce its percentiles? */
import { comparePercentiles } from "../../calibration/compare-percentiles.js";
import { simulateTrace } from "../../calibration/simulate-trace.js";
import { traceFitToScenario } from "../../calibration/trace-fit-to-scenario.js";
import type { TraceRow } from "../../traces/trace-row.js";
import { CALIBRATION_MODEL_LABELS, type CalibrationModel, fitCalibrationModel } from "./models.js";
import type { CalibrationModelRun, CalibrationResimulation } from "./result.js";

/** Options for {@link runCalibrationResimulation}. */
export interface CalibrationResimulationOptions {
  rows: readonly TraceRow[];
  /** Default all three. */
  models?: readonly CalibrationModel[];
  rounds: number;
  seed: number;
  /** Default 50, 90, 95, 99. */
  percentiles?: readonly number[];
}

/**
 * For each model: fits the trace, builds the scenario (`traceFitToScenario`), simulates it
 * with a uniform random router (as the trace was logged) and compares each backend's latency
 * percentiles with the trace's. A model that fits well reproduces the percentiles up to the
 * sampling noise of both samples.
 *
 * @param options trace rows, models, rounds, seed, percentiles
 * @returns one comparison per model
 * @throws {RangeError} on an empty trace or bad rounds
 * @example runCalibrationResimulation({ rows: trace.rows, rounds: 30_000, seed: 42 })
 */
export function runCalibrationResimulation(
  options: CalibrationResimulationOptions,
): CalibrationResimulation {
  const models = options.models ?? (["aic", "byQueryType", "empirical"] as const);
  const percentiles = (options.percentiles ?? [50, 90, 95, 99]).slice();
  const started = performance.now();
  const runs = models.map((model): CalibrationModelRun => {
    const fit = fitCalibrationModel(options.rows, model);
    const { scenario, notes } = traceFitToScenario(fit, { name: `calibrated-${model}` });
    const simulated = simulateTrace({ scenario, rounds: options.rounds, seed: options.seed });
    const families: Record<string, string> = {};
    for (const b of fit.backends) {
      if (b.latency !== null) families[b.backend] = b.latency.best.distribution.family;
    }
    return {
      model,
      label: CALIBRATION_MODEL_LABELS[model],
      families,
      comparisons: comparePercentiles(options.rows, simulated, { percentiles }),
      notes,
    };
  });
  return {
    rounds: options.rounds,
    seed: options.seed,
    percentiles,
    models: runs,
    wallMs: performance.now() - started,
  };
}
