/** Notebook 07, calibration: its markdown tables. */

import type { TraceFit } from "../../calibration/fit-trace.js";
import { describeDistribution } from "../../calibration/format-trace-fit.js";
import { markdownTable } from "../../format/markdown-table.js";
import { quantileSorted } from "../../stats/quantile.js";
import type { TraceRow } from "../../traces/trace-row.js";
import type { CalibrationResimulation } from "./result.js";

/** The p-th percentile (0–100) of sorted values, interpolated. */
const interpolatedPercentile = (sorted: Float64Array, p: number): number =>
  quantileSorted(sorted, p / 100);

const num = (x: number | null, digits = 3): string =>
  x === null || !Number.isFinite(x) ? "—" : String(Number(x.toPrecision(digits)));
const pValue = (p: number): string => (p >= 0.001 ? p.toFixed(3) : p.toExponential(1));
const table = (header: string[], rows: string[][]): string => markdownTable([header, ...rows]);

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
 * @param resimulation the output of {@link runCalibrationResimulation}
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
