import type { ProfilerStudyResult } from "../../studies/profiler-bottlenecks/result.js";
import { Plot, renderPlot } from "../render.js";
import {
  EMPHASIS_COLOR,
  INCIDENT_COLOR,
  LIMIT_COLOR,
  PERCENTILE_COLORS,
  REFERENCE_COLOR,
} from "./palette.js";

const PERCENTILES = [
  ["p50", "p50"],
  ["p95", "p95"],
  ["p99", "p99"],
  ["p999", "p99.9"],
] as const;

/**
 * Latency percentiles per backend on a log axis, with the SLO latency as a dashed rule: a
 * backend whose p99 dot sits right of the rule breaches the SLO on its own.
 *
 * @param r a profiler study result
 * @returns figure markup (a `<figure>` with a legend)
 * @example tslab.display.html(backendLatencyFigure(result))
 */
export function backendLatencyFigure(r: ProfilerStudyResult): string {
  const rows = r.backends.flatMap((b) =>
    PERCENTILES.map(([key, label]) => ({ backend: b.name, percentile: label, ms: b[key] })),
  );
  const order = [...r.backends].sort((a, b) => b.p99 - a.p99).map((b) => b.name);
  const slo = r.slo.latencyMs;
  return renderPlot({
    title: `Latency percentiles per backend (${r.scenario.name} scenario, ${r.strategy})`,
    subtitle: `${r.run.queries.toLocaleString("en-US")} queries; the dashed line is the ${slo} ms SLO`,
    width: 720,
    height: 60 + 50 * r.backends.length,
    marginLeft: 80,
    marginRight: 30,
    insetLeft: 10,
    insetRight: 20,
    x: { type: "log", label: "latency (ms, log scale) →", grid: true },
    y: { label: "backend", domain: order },
    color: {
      legend: true,
      domain: PERCENTILES.map(([, l]) => l),
      range: PERCENTILES.map(([, l]) => PERCENTILE_COLORS[l]),
    },
    marks: [
      Plot.ruleY(r.backends, {
        y: "name",
        x1: "p50",
        x2: "p999",
        stroke: REFERENCE_COLOR,
        strokeWidth: 1,
      }),
      Plot.dot(rows, { x: "ms", y: "backend", fill: "percentile", r: 5, tip: true }),
      // Saved SVGs drop Plot's legend, so the top row names its dots.
      Plot.text(
        rows.filter((d) => d.backend === order[0]),
        { x: "ms", y: "backend", text: "percentile", dy: -12, fontSize: 10 },
      ),
      Plot.ruleX([slo], { stroke: LIMIT_COLOR, strokeDasharray: "5,4", strokeWidth: 1.5 }),
      Plot.text([slo], {
        x: (d: number) => d,
        text: () => `SLO ${slo} ms`,
        frameAnchor: "top",
        dy: -6,
        dx: 4,
        textAnchor: "start",
        fill: LIMIT_COLOR,
      }),
    ],
  });
}

/**
 * End-to-end latency (p50, p95, p99) per profiler window over virtual time, on a log axis,
 * with the scenario's incidents shaded and the SLO as a dashed rule: a degradation shows as a
 * step up of the upper percentiles inside its band.
 *
 * @param r a profiler study result
 * @returns figure markup (a `<figure>` with a legend)
 */
export function latencyOverTimeFigure(r: ProfilerStudyResult): string {
  const rows = r.windows.flatMap((w) => {
    const t = (w.startMs + w.endMs) / 2000;
    return [
      { t, ms: w.p50, series: "p50" },
      { t, ms: w.p95, series: "p95" },
      { t, ms: w.p99, series: "p99" },
    ];
  });
  const runEnd = r.windows.length > 0 ? r.windows[r.windows.length - 1].endMs : r.run.simulatedMs;
  const bands = r.scenario.incidents
    .filter((i) => i.startMs < runEnd)
    .map((i) => ({ x1: i.startMs / 1000, x2: Math.min(i.endMs, runEnd) / 1000, label: i.label }));
  const slo = r.slo.latencyMs;
  return renderPlot({
    title: `Query latency over time, ${r.windowMs / 1000} s windows (${r.scenario.name} scenario, ${r.strategy})`,
    subtitle: "Shaded: the scenario's incident windows. Dashed: the SLO.",
    width: 720,
    height: 380,
    marginTop: 44,
    marginRight: 40,
    x: { label: "virtual time (s) →", grid: true },
    y: { type: "log", label: "↑ query latency (ms, log scale)", grid: true },
    color: {
      legend: true,
      domain: ["p50", "p95", "p99"],
      range: ["p50", "p95", "p99"].map((p) => PERCENTILE_COLORS[p]),
    },
    marks: [
      Plot.rect(bands, { x1: "x1", x2: "x2", fill: "#f4a582", fillOpacity: 0.3 }),
      Plot.text(bands, {
        x: "x1",
        text: "label",
        frameAnchor: "top-left",
        dx: 4,
        dy: -12,
        textAnchor: "start",
        fill: INCIDENT_COLOR,
      }),
      Plot.ruleY([slo], { stroke: LIMIT_COLOR, strokeDasharray: "5,4", strokeWidth: 1.5 }),
      Plot.line(rows, { x: "t", y: "ms", stroke: "series", strokeWidth: 1.5 }),
      // Direct labels: saved SVGs drop Plot's legend.
      Plot.text(
        rows,
        Plot.selectLast({
          x: "t",
          y: "ms",
          z: "series",
          text: "series",
          dx: 6,
          textAnchor: "start",
        }),
      ),
    ],
  });
}

/** The what-if metrics {@link whatIfFigure} can draw. */
export type WhatIfFigureMetric = "p99" | "sloAttainment" | "callsPerQuery";

const METRIC_LABEL: Record<WhatIfFigureMetric, { axis: string; title: string }> = {
  p99: { axis: "end-to-end p99 (ms) →", title: "p99 latency" },
  sloAttainment: { axis: "SLO attainment (%) →", title: "SLO attainment" },
  callsPerQuery: { axis: "backend calls per query →", title: "backend calls per query" },
};

/** Options for {@link whatIfFigure}. */
export interface WhatIfFigureOptions {
  /** Which metric to compare; default `p99`. */
  metric?: WhatIfFigureMetric;
}

/**
 * Before/after bars of one metric for every re-simulated recommendation: means over the
 * paired repetitions without and with the change. Each row is labelled with the change and
 * its verdict (advised, rejected); for p99 the SLO is a dashed rule.
 *
 * @param r a profiler study result
 * @param options the metric to draw
 * @returns figure markup (a `<figure>` with a legend)
 */
export function whatIfFigure(r: ProfilerStudyResult, options: WhatIfFigureOptions = {}): string {
  const metric = options.metric ?? "p99";
  const percent = metric === "sloAttainment";
  const rows = r.recommendations.flatMap((rec) => {
    if (rec.effect === null) return [];
    const change = `${rec.change ?? rec.id} (${rec.verdict})`;
    const e = rec.effect[metric];
    return [
      { change, phase: "before", value: e.before },
      { change, phase: "after", value: e.after },
    ];
  });
  const format = (v: number) =>
    percent ? `${(v * 100).toFixed(1)} %` : metric === "p99" ? `${v.toFixed(0)} ms` : v.toFixed(3);
  const label = METRIC_LABEL[metric];
  const marks = [
    Plot.barX(rows, { x: "value", y: "phase", fy: "change", fill: "phase" }),
    Plot.text(rows, {
      x: "value",
      y: "phase",
      fy: "change",
      // The phase is written out: saved SVGs drop Plot's legend.
      text: (d: { phase: string; value: number }) => `${d.phase} ${format(d.value)}`,
      textAnchor: "start",
      dx: 4,
    }),
    Plot.ruleX([0]),
  ];
  if (metric === "p99") {
    const slo = r.slo.latencyMs;
    marks.push(
      Plot.ruleX([slo], { stroke: LIMIT_COLOR, strokeDasharray: "5,4", strokeWidth: 1.5 }),
    );
  }
  const changes = [...new Set(rows.map((d) => d.change))];
  return renderPlot({
    title: `What-if: ${label.title} before/after each change${metric === "p99" ? ` (dashed: ${r.slo.latencyMs} ms SLO)` : ""}`,
    subtitle: `Means of ${r.advice.settings.reps} paired repetitions (${r.scenario.name} scenario, ${r.strategy}), re-simulated with each change on the same traffic.`,
    width: 720,
    height: 50 + 56 * Math.max(1, changes.length),
    marginLeft: 240,
    marginRight: 110,
    x: { label: label.axis, grid: true, percent, nice: true },
    y: { axis: null, domain: ["before", "after"] },
    fy: { label: null, axis: "left", domain: changes },
    color: { legend: true, domain: ["before", "after"], range: [REFERENCE_COLOR, EMPHASIS_COLOR] },
    marginTop: 30,
    marks,
  });
}

const VERDICT_COLOR = { advised: "#1a9850", rejected: "#d73027" } as const;

/**
 * The paired change in SLO attainment of every re-simulated recommendation, with its
 * Holm-corrected interval, coloured by verdict: an advised change's interval lies right of
 * the zero line; the combined effect of all advised changes is the last row.
 *
 * @param r a profiler study result
 * @returns figure markup (a `<figure>` with a legend)
 * @example tslab.display.html(adviceEffectFigure(result))
 */
export function adviceEffectFigure(r: ProfilerStudyResult): string {
  const rows = r.recommendations.flatMap((rec) => {
    if (rec.effect === null) return [];
    const d = rec.effect.sloAttainment.diff;
    const verdict = rec.verdict === "advised" ? "advised" : "rejected";
    return [{ label: rec.change ?? rec.id, verdict, mean: d.mean, lo: d.lo, hi: d.hi }];
  });
  const c = r.advice.combined;
  if (c !== null) {
    const d = c.effect.sloAttainment.diff;
    rows.push({
      label: "all advised together",
      verdict: "advised",
      mean: d.mean,
      lo: d.lo,
      hi: d.hi,
    });
  }
  const s = r.advice.settings;
  return renderPlot({
    title: "Change in SLO attainment of each candidate, with its paired interval",
    subtitle: `${s.reps} paired repetitions × ${s.rounds.toLocaleString("en-US")} queries (${r.scenario.name} scenario, ${r.strategy}); Holm-corrected over ${s.tested} candidates.`,
    width: 720,
    height: 60 + 34 * Math.max(1, rows.length),
    marginLeft: 240,
    marginRight: 30,
    x: { label: "SLO attainment after − before (points) →", grid: true, percent: true },
    y: { label: null, domain: rows.map((d) => d.label) },
    color: {
      legend: true,
      domain: ["advised", "rejected"],
      range: [VERDICT_COLOR.advised, VERDICT_COLOR.rejected],
    },
    marks: [
      Plot.ruleX([0], { stroke: LIMIT_COLOR, strokeDasharray: "5,4" }),
      Plot.ruleY(rows, { y: "label", x1: "lo", x2: "hi", stroke: "verdict", strokeWidth: 2 }),
      Plot.dot(rows, { y: "label", x: "mean", fill: "verdict", r: 4, tip: true }),
      // The verdict is written out: saved SVGs drop Plot's legend.
      Plot.text(rows, { y: "label", x: "hi", text: "verdict", dx: 6, textAnchor: "start" }),
    ],
  });
}
