/**
 * Figures of notebook 07, calibration. Latencies of different backends differ by orders of
 * magnitude, so the per-backend figures are grids of panels with their own scales.
 */
import type { BackendFit, TraceFit } from "../../calibration/fit-trace.js";
import { cdfPoints, ecdfPoints, qqPoints } from "../../calibration/plot-points.js";
import type { DistributionFit } from "../../calibration/types.js";
import type { CalibrationResimulation } from "../../studies/calibration/result.js";
import { Plot, renderPlot } from "../render.js";
import { inlineLegend } from "./inline-legend.js";
import { categoryColors, REFERENCE_COLOR } from "./palette.js";
import { panelGrid } from "./panel-grid.js";

/** The fitted candidates worth drawing against the data: those with a likelihood. */
function parametric(b: BackendFit): DistributionFit[] {
  return (b.latency?.candidates ?? []).filter((c) => c.aic !== null);
}

/** The parametric families across backends, in first-seen order (a stable colour domain). */
function familiesOf(fit: TraceFit): string[] {
  const out: string[] = [];
  for (const b of fit.backends) {
    for (const c of parametric(b)) {
      if (!out.includes(c.distribution.family)) out.push(c.distribution.family);
    }
  }
  return out;
}

const positive = (x: number) => x > 0 && Number.isFinite(x);

/**
 * QQ plots per backend, log–log: each fitted family's quantiles against the trace's order
 * statistics. Points on the diagonal mean the family reproduces the sample at that quantile;
 * points above it mean the trace is slower there than the family says.
 *
 * @param fit a trace fit (its backends keep their latencies)
 * @param options `maxPoints` per family and backend (default 100), `columns` (default 3)
 * @returns figure markup (an SVG of panels)
 * @example tslab.display.html(calibrationQqFigure(fit))
 */
export function calibrationQqFigure(
  fit: TraceFit,
  options: { maxPoints?: number; columns?: number } = {},
): string {
  const families = familiesOf(fit);
  const panels = fit.backends
    .filter((b) => b.latency !== null && b.latencies.length > 0)
    .map((b) => {
      // The axes span the observed latencies (×/÷ 3 of slack): a family's far
      // quantiles (e.g. a gamma with shape < 1 near p = 0) would otherwise squash the data.
      const observed = b.latencies.filter(positive);
      const lo = Math.min(...observed) / 3;
      const hi = Math.max(...observed) * 3;
      const points = parametric(b).flatMap((c) =>
        qqPoints(c, b.latencies, { maxPoints: options.maxPoints ?? 100 })
          .filter((p) => positive(p.observed) && p.theoretical >= lo && p.theoretical <= hi)
          .map((p) => ({ ...p, family: c.distribution.family })),
      );
      return renderPlot({
        title: `${b.backend} (n = ${b.latencies.length.toLocaleString("en-US")})`,
        width: 330,
        height: 300,
        marginLeft: 56,
        x: { type: "log", label: "fitted quantile (ms)", domain: [lo, hi], tickFormat: "~g" },
        y: {
          type: "log",
          label: "observed quantile (ms)",
          domain: [lo, hi],
          grid: true,
          tickFormat: "~g",
        },
        color: { domain: families, range: categoryColors(families.length) },
        marks: [
          Plot.line(
            [
              [lo, lo],
              [hi, hi],
            ],
            { stroke: REFERENCE_COLOR, strokeDasharray: "4,3" },
          ),
          Plot.dot(points, { x: "theoretical", y: "observed", stroke: "family", r: 2 }),
          ...inlineLegend(families, { frameAnchor: "top-left", direction: "column", dx: 4, dy: 4 }),
        ],
      });
    });
  return panelGrid(panels, {
    title: "QQ plots of the trace's latencies against each fitted family (log–log; dashed: y = x)",
    columns: options.columns ?? 3,
  });
}

/**
 * Fitted against empirical distribution functions per backend, on a log latency axis: the
 * trace's ECDF (black steps) and each fitted family's CDF.
 *
 * @param fit a trace fit (its backends keep their latencies)
 * @param options `columns` (default 3)
 * @returns figure markup (an SVG of panels)
 * @example tslab.display.html(calibrationCdfFigure(fit))
 */
export function calibrationCdfFigure(fit: TraceFit, options: { columns?: number } = {}): string {
  const families = familiesOf(fit);
  const panels = fit.backends
    .filter((b) => b.latency !== null && b.latencies.some(positive))
    .map((b) => {
      const xs = b.latencies.filter(positive);
      const empirical = ecdfPoints(xs);
      const min = Math.min(...xs);
      const max = Math.max(...xs);
      const fitted = parametric(b).flatMap((c) =>
        cdfPoints(c, { min, max: max > min ? max : min * 2, log: true, points: 120 }).map((p) => ({
          ...p,
          family: c.distribution.family,
        })),
      );
      return renderPlot({
        title: `${b.backend} (n = ${xs.length.toLocaleString("en-US")})`,
        width: 330,
        height: 300,
        x: { type: "log", label: "latency (ms)", tickFormat: "~g" },
        y: { domain: [0, 1], label: "cumulative probability", grid: true },
        color: {
          domain: [...families, "trace"],
          range: [...categoryColors(families.length), "black"],
        },
        marks: [
          Plot.line(empirical, { x: "x", y: "p", curve: "step-after", stroke: "black" }),
          Plot.line(fitted, { x: "x", y: "p", z: "family", stroke: "family", strokeWidth: 1.4 }),
          // Bottom right: a CDF is near 1 there, so the corner is empty.
          ...inlineLegend([...families, "trace"], {
            frameAnchor: "bottom-right",
            direction: "column",
            dx: -4,
            dy: -4 - 14 * families.length,
          }),
        ],
      });
    });
  return panelGrid(panels, {
    title: "Fitted CDFs against the trace's empirical CDF (black), per backend",
    columns: options.columns ?? 3,
  });
}

/** Ratios beyond this factor either way are drawn at the axis' edge, marked, with their value. */
const PERCENTILE_RATIO_CAP = 4;

/**
 * The re-simulated percentiles against the trace's: simulated / observed per backend and
 * percentile for each model, on a log ratio axis (1 = exact; 2 = twice as slow). The axis
 * ends at 4× either way, so one wild percentile does not flatten the rest: a point beyond it
 * is drawn at the edge as a triangle pointing off the scale, with its value written beside.
 *
 * @param resimulation the output of `runCalibrationResimulation`
 * @returns figure markup
 * @example tslab.display.html(calibrationPercentileFigure(resim))
 */
export function calibrationPercentileFigure(resimulation: CalibrationResimulation): string {
  const labels = resimulation.models.map((m) => m.label);
  const all = resimulation.models.flatMap((m) =>
    m.comparisons.map((c) => ({
      model: m.label,
      backend: c.backend,
      percentile: `p${c.percentile}`,
      ratio: c.simulated / c.observed,
    })),
  );
  const backends = [...new Set(all.map((r) => r.backend))];
  const ratios = all.map((r) => r.ratio).filter(positive);
  const extreme = Math.min(
    PERCENTILE_RATIO_CAP,
    Math.max(2, ...ratios.map((r) => Math.max(r, 1 / r))),
  );
  const rows = all.map((r) => ({
    ...r,
    shown: positive(r.ratio) ? Math.min(extreme, Math.max(1 / extreme, r.ratio)) : r.ratio,
    off: !positive(r.ratio) ? 0 : r.ratio > extreme ? 1 : r.ratio < 1 / extreme ? -1 : 0,
  }));
  const onScale = rows.filter((r) => r.off === 0);
  const offScale = rows.filter((r) => r.off !== 0);
  // Ticks at powers of 2 (½, 1, 2, …): ratios read directly.
  const ticks: number[] = [];
  for (let k = -Math.ceil(Math.log2(extreme)); 2 ** k <= extreme; k++) {
    if (2 ** k >= 1 / extreme) ticks.push(2 ** k);
  }
  // A little room beyond the edge so points there are drawn whole.
  const pad = 1.18;
  const columns = resimulation.percentiles.map((p) => `p${p}`);
  const isLeftHalf = (percentile: string) => columns.indexOf(percentile) < columns.length / 2;
  const ratioText = (r: number) => (r >= 1 ? `${r.toFixed(1)}×` : `1/${(1 / r).toFixed(1)}×`);
  return renderPlot({
    title: `Percentiles of the fitted scenarios, simulated (${resimulation.rounds.toLocaleString("en-US")} queries), against the trace`,
    width: 200 * backends.length + 80,
    height: 380,
    marginBottom: 64,
    marginLeft: 60,
    fx: { domain: backends, label: null },
    x: { domain: resimulation.percentiles.map((p) => `p${p}`), label: "percentile", padding: 0.3 },
    y: {
      type: "log",
      domain: [1 / (extreme * pad), extreme * pad],
      label: "simulated / trace latency",
      grid: true,
      ticks,
      tickFormat: (r: number) => (r >= 1 ? `${r}×` : `1/${1 / r}×`),
    },
    color: { domain: labels, range: categoryColors(labels.length) },
    marks: [
      Plot.frame({ stroke: "#ddd" }),
      Plot.ruleY([1], { stroke: "black" }),
      Plot.line(rows, { fx: "backend", x: "percentile", y: "shown", z: "model", stroke: "model" }),
      Plot.dot(onScale, { fx: "backend", x: "percentile", y: "shown", fill: "model", r: 3 }),
      // Off the scale: a triangle pointing the way the value lies, and the value.
      Plot.dot(offScale, {
        fx: "backend",
        x: "percentile",
        y: "shown",
        fill: "model",
        symbol: "triangle",
        r: 5,
        rotate: (d: { off: number }) => (d.off > 0 ? 0 : 180),
      }),
      // The value beside it, on the side facing the panel's middle (clear of the axis).
      ...[1, -1].flatMap((way) =>
        [true, false].map((leftHalf) =>
          Plot.text(
            offScale.filter((d) => d.off === way && isLeftHalf(d.percentile) === leftHalf),
            {
              fx: "backend",
              x: "percentile",
              y: "shown",
              text: (d: { ratio: number }) => ratioText(d.ratio),
              fill: "model",
              textAnchor: leftHalf ? "start" : "end",
              dx: leftHalf ? 8 : -8,
              dy: way > 0 ? 4 : -4,
              fontSize: 10,
            },
          ),
        ),
      ),
      ...inlineLegend(labels, { dy: 46, fx: backends[0] }),
      ...(offScale.length > 0
        ? [
            Plot.text([`▲ ▼ beyond ${extreme}×: drawn at the edge, value written`], {
              frameAnchor: "bottom-right",
              fx: () => backends[backends.length - 1],
              dy: 46,
              fontSize: 11,
            }),
          ]
        : []),
    ],
  });
}
