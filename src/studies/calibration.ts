/**
 * Notebook 07, calibration: tables and experiments around `fitTrace` — what the trace holds,
 * how well each latency family fits, and whether a scenario fitted to the trace reproduces the
 * trace's percentiles when simulated.
 */

import { join, relative } from "node:path";
import {
  comparePercentiles,
  type PercentileComparison,
} from "../calibration/compare-percentiles.js";
import { type FitTraceOptions, fitTrace, type TraceFit } from "../calibration/fit-trace.js";
import { describeDistribution } from "../calibration/format-trace-fit.js";
import { simulateTrace } from "../calibration/simulate-trace.js";
import { traceFitToScenario } from "../calibration/trace-fit-to-scenario.js";
import { projectRoot } from "../lab/settings.js";
import { quantileSorted } from "../stats/quantile.js";
import type { TraceRow } from "../traces/trace-row.js";

/** The p-th percentile (0–100) of sorted values, interpolated. */
const interpolatedPercentile = (sorted: Float64Array, p: number): number =>
  quantileSorted(sorted, p / 100);

/** How a scenario's latency models are chosen from the trace. */
export type CalibrationModel = "aic" | "byQueryType" | "empirical";

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

// ---------------------------------------------------------------------------------------------
// Re-simulation

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

/** Options for {@link resimulateCalibration}. */
export interface ResimulateCalibrationOptions {
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
 * @example resimulateCalibration({ rows: trace.rows, rounds: 30_000, seed: 42 })
 */
export function resimulateCalibration(
  options: ResimulateCalibrationOptions,
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

// ---------------------------------------------------------------------------------------------
// Tables

const num = (x: number | null, digits = 3): string =>
  x === null || !Number.isFinite(x) ? "—" : String(Number(x.toPrecision(digits)));
const pValue = (p: number): string => (p >= 0.001 ? p.toFixed(3) : p.toExponential(1));
const table = (header: string[], rows: string[][]): string =>
  [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");

/**
 * What a trace holds, per backend: rows, the query types it served, median and p99 latency,
 * and the success rate where the trace records success.
 *
 * @param rows the trace's rows
 * @returns markdown
 * @example tslab.display.markdown(calibrationTraceMarkdown(trace.rows))
 */
export function calibrationTraceMarkdown(rows: readonly TraceRow[]): string {
  const byBackend = new Map<string, TraceRow[]>();
  for (const r of rows) {
    const list = byBackend.get(r.backend);
    if (list === undefined) byBackend.set(r.backend, [r]);
    else list.push(r);
  }
  const body = [...byBackend].map(([backend, list]) => {
    const types = new Map<string, number>();
    for (const r of list) types.set(r.queryType ?? "—", (types.get(r.queryType ?? "—") ?? 0) + 1);
    const sorted = Float64Array.from(list.map((r) => r.latencyMs)).sort();
    const flagged = list.filter((r) => r.success !== undefined);
    const ok = flagged.filter((r) => r.success).length;
    return [
      backend,
      String(list.length),
      [...types].map(([t, n]) => `${t} ${n}`).join(", "),
      num(interpolatedPercentile(sorted, 50)),
      num(interpolatedPercentile(sorted, 99)),
      flagged.length === 0 ? "—" : `${((ok / flagged.length) * 100).toFixed(1)} %`,
    ];
  });
  return table(["backend", "rows", "query types served", "p50 (ms)", "p99 (ms)", "success"], body);
}

/**
 * Every candidate latency model per backend: its parameters, AIC, ΔAIC to the best, Akaike
 * weight, and the Kolmogorov–Smirnov distance and p-value (conservative, since the parameters
 * were fitted to the same sample); the chosen one is marked.
 *
 * @param fit a trace fit
 * @returns markdown
 * @example tslab.display.markdown(calibrationFitMarkdown(fit))
 */
export function calibrationFitMarkdown(fit: TraceFit): string {
  const body: string[][] = [];
  for (const b of fit.backends) {
    if (b.latency === null) continue;
    const withAic = b.latency.candidates.filter((c) => c.aic !== null).map((c) => c.aic as number);
    const minAic = withAic.length > 0 ? Math.min(...withAic) : null;
    for (const c of b.latency.candidates) {
      const family = c.distribution.family;
      const weight = b.latency.akaikeWeights[family as keyof typeof b.latency.akaikeWeights];
      body.push([
        b.backend,
        c === b.latency.best ? `**${family}** ✓` : family,
        describeDistribution(c.distribution),
        c.aic === null ? "—" : c.aic.toFixed(1),
        c.aic === null || minAic === null ? "—" : (c.aic - minAic).toFixed(1),
        weight === undefined ? "—" : num(weight, 2),
        c.ks.statistic.toFixed(4),
        pValue(c.ks.pValue),
      ]);
    }
  }
  return table(
    ["backend", "family", "parameters", "AIC", "ΔAIC", "Akaike weight", "KS D", "KS p"],
    body,
  );
}

/**
 * The trace's latency percentiles against each model's re-simulation, per backend.
 *
 * @param resimulation the output of {@link resimulateCalibration}
 * @returns markdown: one row per backend and percentile, one column per model
 * @example tslab.display.markdown(calibrationPercentilesMarkdown(resim))
 */
export function calibrationPercentilesMarkdown(resimulation: CalibrationResimulation): string {
  const first = resimulation.models[0];
  if (first === undefined) return "_no model was simulated_";
  const body = first.comparisons.map((c, i) => [
    c.backend,
    `p${c.percentile}`,
    num(c.observed),
    ...resimulation.models.map((m) => {
      const s = m.comparisons[i];
      const sign = s.relativeError >= 0 ? "+" : "−";
      return `${num(s.simulated)} (${sign}${Math.abs(s.relativeError * 100).toFixed(1)} %)`;
    }),
  ]);
  return table(
    [
      "backend",
      "percentile",
      "trace (ms)",
      ...resimulation.models.map((m) => `${m.label}: simulated (ms, error)`),
    ],
    body,
  );
}

// ---------------------------------------------------------------------------------------------
// The results file

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
