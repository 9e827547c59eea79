/**
 * Figures of notebook 06, tuning bandit priors. Each builder takes a study's result and
 * returns markup from `renderPlot` (show it with `tslab.display.html`, save it with
 * `saveFigure`).
 */
import {
  betaDensityCurve,
  type ForgettingStudy,
  type PosteriorTrack,
} from "../../studies/tuning-priors/index.js";
import type { PriorSweepReport } from "../../tuning/run-sweep.js";
import { Plot, renderPlot } from "../render.js";
import { inlineLegend } from "./inline-legend.js";
import { categoryColors } from "./palette.js";

const short = (x: number): string => String(Number(x.toPrecision(3)));

/**
 * Heatmap of mean cumulative regret over prior strength (α + β) and prior mean (α/(α+β)),
 * one cell per grid setting with its regret written in it. A thick black box marks the lowest
 * mean regret, a dashed blue one the old Beta(1, 1) prior (strength 2, mean 0.5).
 *
 * @param report a sweep whose grid is `strength` × `mean`
 * @returns figure markup
 * @throws {RangeError} when the sweep has no strength × mean cell
 * @example tslab.display.html(priorHeatmapFigure(heatmap.report))
 */
export function priorHeatmapFigure(report: PriorSweepReport): string {
  const cells = report.summary.cells
    .filter((c) => "strength" in c.coordinates && "mean" in c.coordinates)
    .map((c) => ({
      id: c.id,
      strength: c.coordinates.strength,
      mean: c.coordinates.mean,
      regret: c.regret.mean,
    }));
  if (cells.length === 0) throw new RangeError("the sweep has no strength × mean cell");
  const strengths = [...new Set(cells.map((c) => c.strength))].sort((a, b) => b - a);
  const means = [...new Set(cells.map((c) => c.mean))].sort((a, b) => a - b);
  const best = cells.filter((c) => c.id === report.summary.best.id);
  const baseline = cells.filter((c) => c.strength === 2 && c.mean === 0.5);
  const positive = cells.every((c) => c.regret > 0);
  return renderPlot({
    title: `Regret by Thompson prior (${report.scenario}, ${report.rounds.toLocaleString("en-US")} queries × ${report.reps} reps)`,
    width: 640,
    height: 90 + 42 * strengths.length,
    marginLeft: 70,
    marginBottom: 72,
    x: { domain: means, label: "prior mean α/(α+β)", tickFormat: short, labelOffset: 34 },
    y: { domain: strengths, label: "prior strength α+β", tickFormat: short },
    color: {
      type: positive ? "log" : "linear",
      scheme: "ylorrd",
      label: "mean cumulative regret",
      // No ramp legend: Plot draws it on a canvas, which the server-side DOM lacks; the
      // numbers in the cells carry the values.
    },
    marks: [
      Plot.cell(cells, { x: "mean", y: "strength", fill: "regret", inset: 0.5 }),
      Plot.text(cells, {
        x: "mean",
        y: "strength",
        text: (d: { regret: number }) => short(d.regret),
        fill: "black",
        stroke: "white",
        strokeWidth: 3,
        fontSize: 11,
      }),
      Plot.cell(baseline, {
        x: "mean",
        y: "strength",
        fill: "none",
        stroke: "#1f5fbf",
        strokeWidth: 2.5,
        strokeDasharray: "5,3",
        inset: 4,
      }),
      Plot.cell(best, {
        x: "mean",
        y: "strength",
        fill: "none",
        stroke: "black",
        strokeWidth: 3,
        inset: 1.5,
      }),
      Plot.text(
        [
          "black box: lowest mean regret · dashed blue: Beta(1, 1), the old system's prior · numbers: mean regret",
        ],
        { frameAnchor: "bottom-left", dx: -60, dy: 60, textAnchor: "start", fontSize: 11 },
      ),
    ],
  });
}

/**
 * Cumulative regret over virtual time for each forgetting setting, mean with its 95 % band
 * over repetitions, with the scenario's changes marked (a line at each change, a grey band
 * over a drift's ramp).
 *
 * @param study the forgetting study
 * @returns figure markup
 * @example tslab.display.html(forgettingRegretFigure(forgetting))
 */
export function forgettingRegretFigure(study: ForgettingStudy): string {
  // The setting without forgetting says so (its grid id may read `discount=1`).
  const labelOf = (s: ForgettingStudy["settings"][number]) =>
    s.kind === "none" ? `${s.id} (no forgetting)` : s.id;
  const ids = study.settings.map(labelOf);
  const rows = study.settings.flatMap((s) =>
    s.curve.timeS.map((t, i) => ({
      id: labelOf(s),
      t,
      mean: s.curve.regret.mean[i],
      lo: s.curve.regret.lo[i],
      hi: s.curve.regret.hi[i],
    })),
  );
  // One label per change time, e.g. "hybrid, qdrant drift" at 20 s.
  const byStart = new Map<
    number,
    { startS: number; endS: number | null; backends: string[]; kinds: string[] }
  >();
  for (const e of study.events) {
    const entry = byStart.get(e.startMs) ?? {
      startS: e.startMs / 1000,
      endS: e.endMs === null ? null : e.endMs / 1000,
      backends: [],
      kinds: [],
    };
    entry.backends.push(e.backend);
    if (!entry.kinds.includes(e.kind)) entry.kinds.push(e.kind);
    byStart.set(e.startMs, entry);
  }
  // Labels of successive changes are staggered downwards so close ones do not overlap.
  const events = [...byStart.values()].map((e, i) => ({
    ...e,
    label: `${e.backends.join(", ")} ${e.kinds.join("/")}`,
    dy: 4 + 14 * i,
  }));
  const ramps = events.filter((e) => e.endS !== null);
  return renderPlot({
    title: `Cumulative regret under drift by forgetting setting (${study.scenario}, ${study.reps} reps, 95 % bands)`,
    width: 760,
    height: 440,
    marginRight: 20,
    x: { label: "virtual time (s)", grid: true },
    y: { label: "cumulative regret", grid: true },
    color: { domain: ids, range: categoryColors(ids.length), legend: true },
    marks: [
      Plot.rect(ramps, { x1: "startS", x2: "endS", fill: "#000", fillOpacity: 0.06 }),
      Plot.ruleX(events, { x: "startS", stroke: "#555", strokeDasharray: "4,3" }),
      ...events.map((e) =>
        Plot.text([e], {
          x: "startS",
          text: "label",
          frameAnchor: "top",
          textAnchor: "start",
          dx: 4,
          dy: e.dy,
          fontSize: 10,
          fill: "#333",
        }),
      ),
      Plot.areaY(rows, { x: "t", y1: "lo", y2: "hi", fill: "id", fillOpacity: 0.15 }),
      Plot.lineY(rows, { x: "t", y: "mean", stroke: "id", strokeWidth: 1.6 }),
      Plot.ruleY([0]),
      // Bottom right: cumulative regret has grown by then, so the corner is empty.
      ...inlineLegend(ids, {
        frameAnchor: "bottom-right",
        direction: "column",
        dx: -8,
        dy: -8 - 14 * (ids.length - 1),
      }),
    ],
  });
}

/**
 * Beta posterior densities (jStat) of one query type's arms at a few moments of a run: one
 * column per checkpoint, one row per setting (e.g. without and with forgetting). A dashed
 * line in an arm's colour marks its true success probability at that moment.
 *
 * @param tracks posterior tracks of the same scenario, query type and checkpoints
 * @returns figure markup
 * @throws {RangeError} when no track is given
 * @example tslab.display.html(posteriorDensityFigure([withoutForgetting, withDiscount]))
 */
export function posteriorDensityFigure(tracks: readonly PosteriorTrack[]): string {
  if (tracks.length === 0) throw new RangeError("posteriorDensityFigure needs a track");
  const first = tracks[0];
  const column = (queries: number, timeMs: number) =>
    `after ${queries.toLocaleString("en-US")} queries (${short(timeMs / 1000)} s)`;
  const columns = first.snapshots.map((s) => column(s.queries, s.timeMs));
  const rowsOf = tracks.map((t) => t.label);
  const backends = first.snapshots[0]?.arms.map((a) => a.backend) ?? [];
  const curves: { row: string; col: string; backend: string; x: number; density: number }[] = [];
  const truths: { row: string; col: string; backend: string; truth: number }[] = [];
  tracks.forEach((track, ti) => {
    track.snapshots.forEach((snap, si) => {
      const col = columns[si] ?? column(snap.queries, snap.timeMs);
      for (const arm of snap.arms) {
        for (const p of betaDensityCurve(arm.alpha, arm.beta)) {
          curves.push({ row: rowsOf[ti], col, backend: arm.backend, x: p.x, density: p.density });
        }
        truths.push({ row: rowsOf[ti], col, backend: arm.backend, truth: arm.truth });
      }
    });
  });
  return renderPlot({
    title: `Posterior Beta densities of the "${first.queryType}" bandit's arms over a run (${first.scenario})`,
    width: 230 * columns.length + 200,
    height: 170 * tracks.length + 110,
    marginRight: 190,
    marginBottom: 70,
    x: { domain: [0, 1], label: "success probability", ticks: 4 },
    y: { type: "sqrt", label: "density (√ scale)", grid: true },
    fx: { domain: columns, label: null },
    fy: { domain: rowsOf, label: null },
    color: { domain: backends, range: categoryColors(backends.length), legend: true },
    marks: [
      Plot.frame({ stroke: "#ddd" }),
      Plot.ruleX(truths, {
        x: "truth",
        fx: "col",
        fy: "row",
        stroke: "backend",
        strokeDasharray: "3,3",
        strokeOpacity: 0.8,
      }),
      Plot.line(curves, {
        x: "x",
        y: "density",
        z: "backend",
        fx: "col",
        fy: "row",
        stroke: "backend",
        strokeWidth: 1.5,
      }),
      ...inlineLegend(backends, {
        dy: 50,
        fx: columns[0],
        fy: rowsOf[rowsOf.length - 1],
      }),
      Plot.text(["dashed: the arm's true success probability at that moment"], {
        frameAnchor: "bottom-left",
        dy: 50,
        dx: backends.reduce((w, b) => w + 6.5 * (b.length + 2) + 18, 10),
        textAnchor: "start",
        fontSize: 11,
        fx: () => columns[0],
        fy: () => rowsOf[rowsOf.length - 1],
      }),
    ],
  });
}
