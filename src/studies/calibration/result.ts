/** Notebook 07, calibration: the result it writes and the records inside it. */
import { relative } from "node:path";
import type { PercentileComparison } from "../../calibration/compare-percentiles.js";
import type { TraceFit } from "../../calibration/fit-trace.js";
import { projectRoot } from "../../lab/settings.js";
import type { CalibrationModel } from "./models.js";

/** One model's fitted scenario, simulated and compared with the trace. */
export interface CalibrationModelRun {
  model: CalibrationModel;
  label: string;
  /** The latency family chosen per backend, e.g. `{ neo4j: "lognormal" }`. */
  families: Record<string, string>;
  /** Per backend and percentile: observed, simulated and relative error. */
  comparisons: PercentileComparison[];
  /** What `traceFitToScenario` filled in. */
  notes: string[];
}

/** Every model's re-simulation. */
export interface CalibrationResimulation {
  rounds: number;
  seed: number;
  percentiles: number[];
  models: CalibrationModelRun[];
  /** Wall-clock time, ms (not reproducible). */
  wallMs: number;
}

/** A KS p-value below this means the family's shape is clearly wrong for the sample. */
export const KS_REJECT_BELOW = 0.001;

/** One backend's fit in the results file. */
export interface CalibrationBackendResult {
  /** Rows of this backend, and the completed ones whose latency was fitted. */
  rows: number;
  fitted: number;
  /** The AIC choice and why. */
  chosen: string;
  reason: string;
  /** Per candidate family: AIC (null for the empirical summary), ΔAIC, Akaike weight, KS. */
  families: Record<
    string,
    {
      aic: number | null;
      deltaAic: number | null;
      akaikeWeight: number | null;
      ksStatistic: number;
      ksPValue: number;
    }
  >;
}

/** One model's re-simulation in the results file. */
export interface CalibrationModelResult {
  label: string;
  /** Largest and median |simulated / observed − 1| over backends and percentiles. */
  maxAbsRelativeError: number;
  medianAbsRelativeError: number;
  worst: { backend: string; percentile: number; relativeError: number };
  /** `backends.<backend>.p99.relativeError`, … */
  backends: Record<
    string,
    Record<string, { observed: number; simulated: number; relativeError: number }>
  >;
}

/**
 * `07-calibration.json`. Stable paths for the performance summary, e.g.
 * `summary.parametricRejected`, `fits.neo4j.chosen`, `fits.neo4j.families.lognormal.ksStatistic`,
 * `resimulation.models.empirical.maxAbsRelativeError`,
 * `resimulation.models.aic.backends.qdrant.p99.relativeError`.
 */
export interface CalibrationResult {
  format: "routing-lab/notebook-07";
  version: 1;
  quick: boolean;
  seed: number;
  trace: {
    /** Relative to the project root. */
    file: string;
    rows: number;
    backends: string[];
    queryTypes: string[];
    /** Throughput between the first and last timestamp; null without timestamps. */
    qps: number | null;
  };
  fits: Record<string, CalibrationBackendResult>;
  summary: {
    backends: number;
    /** Backends whose AIC-chosen parametric family has KS p < {@link KS_REJECT_BELOW}. */
    parametricRejected: number;
    /** Largest KS distance of the AIC choice, and of the empirical summary, over backends. */
    worstChosenKs: number;
    worstEmpiricalKs: number;
    /** How often each family won by AIC. */
    aicWins: Record<string, number>;
  };
  resimulation: {
    rounds: number;
    percentiles: number[];
    models: Partial<Record<CalibrationModel, CalibrationModelResult>>;
  };
  /** Wall-clock time of the re-simulations, ms (not reproducible). */
  wallMs: { resimulation: number };
}

const round = (x: number, digits = 6): number =>
  Number.isFinite(x) ? Number(x.toPrecision(digits)) : x;

function modelResult(run: CalibrationModelRun): CalibrationModelResult {
  const errors = run.comparisons.map((c) => Math.abs(c.relativeError)).sort((a, b) => a - b);
  const worst = run.comparisons.reduce((a, b) =>
    Math.abs(b.relativeError) > Math.abs(a.relativeError) ? b : a,
  );
  const backends: CalibrationModelResult["backends"] = {};
  for (const c of run.comparisons) {
    backends[c.backend] ??= {};
    backends[c.backend][`p${c.percentile}`] = {
      observed: round(c.observed),
      simulated: round(c.simulated),
      relativeError: round(c.relativeError, 4),
    };
  }
  const mid = errors.length / 2;
  const median =
    errors.length % 2 === 1 ? errors[Math.floor(mid)] : (errors[mid - 1] + errors[mid]) / 2;
  return {
    label: run.label,
    maxAbsRelativeError: round(errors[errors.length - 1], 4),
    medianAbsRelativeError: round(median, 4),
    worst: {
      backend: worst.backend,
      percentile: worst.percentile,
      relativeError: round(worst.relativeError, 4),
    },
    backends,
  };
}

/**
 * Condenses the notebook's fit and re-simulation into its results file.
 *
 * @param input run settings, the trace file, the AIC fit and the re-simulation
 * @returns the document to write as `07-calibration.json`
 * @throws {RangeError} when the re-simulation has no model or a model compared nothing
 */
export function calibrationResult(input: {
  settings: { quick: boolean; seed: number };
  traceFile: string;
  fit: TraceFit;
  resimulation: CalibrationResimulation;
}): CalibrationResult {
  const { fit, resimulation } = input;
  if (resimulation.models.some((m) => m.comparisons.length === 0)) {
    throw new RangeError("every re-simulated model needs at least one percentile comparison");
  }
  const fits: Record<string, CalibrationBackendResult> = {};
  const aicWins: Record<string, number> = {};
  let parametricRejected = 0;
  let worstChosenKs = 0;
  let worstEmpiricalKs = 0;
  for (const b of fit.backends) {
    if (b.latency === null) continue;
    const withAic = b.latency.candidates.filter((c) => c.aic !== null).map((c) => c.aic as number);
    const minAic = withAic.length > 0 ? Math.min(...withAic) : null;
    const families: CalibrationBackendResult["families"] = {};
    for (const c of b.latency.candidates) {
      const family = c.distribution.family;
      const weight = b.latency.akaikeWeights[family as keyof typeof b.latency.akaikeWeights];
      families[family] = {
        aic: c.aic === null ? null : round(c.aic),
        deltaAic: c.aic === null || minAic === null ? null : round(c.aic - minAic),
        akaikeWeight: weight === undefined ? null : round(weight, 4),
        ksStatistic: round(c.ks.statistic, 4),
        ksPValue: round(c.ks.pValue, 3),
      };
      if (family === "empirical") worstEmpiricalKs = Math.max(worstEmpiricalKs, c.ks.statistic);
    }
    const best = b.latency.best;
    const chosen = best.distribution.family;
    aicWins[chosen] = (aicWins[chosen] ?? 0) + 1;
    worstChosenKs = Math.max(worstChosenKs, best.ks.statistic);
    if (chosen !== "empirical" && best.ks.pValue < KS_REJECT_BELOW) parametricRejected++;
    fits[b.backend] = {
      rows: b.n,
      fitted: b.latencies.length,
      chosen,
      reason: b.latency.reason,
      families,
    };
  }
  const models: CalibrationResult["resimulation"]["models"] = {};
  for (const run of resimulation.models) models[run.model] = modelResult(run);
  const file = relative(projectRoot, input.traceFile);
  return {
    format: "routing-lab/notebook-07",
    version: 1,
    quick: input.settings.quick,
    seed: input.settings.seed,
    trace: {
      file: file.startsWith("..") ? input.traceFile : file,
      rows: fit.rows,
      backends: fit.backends.map((b) => b.backend),
      queryTypes: fit.queryTypes.map((t) => t.queryType),
      qps: fit.qps === undefined ? null : round(fit.qps, 4),
    },
    fits,
    summary: {
      backends: Object.keys(fits).length,
      parametricRejected,
      worstChosenKs: round(worstChosenKs, 4),
      worstEmpiricalKs: round(worstEmpiricalKs, 4),
      aicWins,
    },
    resimulation: {
      rounds: resimulation.rounds,
      percentiles: resimulation.percentiles,
      models,
    },
    wallMs: { resimulation: Math.round(resimulation.wallMs) },
  };
}
