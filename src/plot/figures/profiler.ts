/**
 * Figures of a profile and of verified advice (notebook 05). Each figure takes what the
 * library returns: a `ProfileReport` (`profileSimulation(...).profiler.report()`,
 * `RoutingProfiler.report()` on a trace, or an experiment's `profile`) or a `VerifiedAdvice`
 * (`verifyAdvice`), plus the SLO and the names for the title. The study figures at the end
 * map notebook 05's result into those and call them.
 */
import type {
  AdviceSettings,
  CombinedAdvice,
  VerifiedRecommendation,
} from "../../profiling/advice-types.js";
import type { NamedSeriesSummary } from "../../profiling/profile-report.js";
import type { WindowSnapshot } from "../../profiling/time-windows.js";
import type { Incident } from "../../sim/scenario/incidents.js";
import type { ProfilerStudyResult } from "../../studies/profiler-bottlenecks/result.js";
import { Plot, renderPlot } from "../render.js";
import {
  EMPHASIS_COLOR,
  INCIDENT_COLOR,
  LIMIT_COLOR,
  PERCENTILE_COLORS,
  REFERENCE_COLOR,
} from "./palette.js";

/** What was profiled, for the titles; both optional. */
export interface ProfileFigureContext {
  /** The scenario's name. */
  scenario?: string;
  /** The strategy (router) that ran. */
  strategy?: string;
}

/** ` (degraded scenario, rule-based)`, or as much of it as is known. */
function about(c: ProfileFigureContext): string {
  const parts = [c.scenario === undefined ? [] : [`${c.scenario} scenario`], c.strategy ?? []];
  const text = parts.flat().join(", ");
  return text === "" ? "" : ` (${text})`;
}

/**
 * The part of a profile the backend figure draws; a `ProfileReport` is one. Backends without
 * calls are left out.
 */
export interface BackendLatencyData {
  queries: { count: number };
  backends: readonly Pick<NamedSeriesSummary, "name" | "count" | "p50" | "p95" | "p99" | "p999">[];
}

/** Options of {@link profileBackendsFigure}. */
export interface ProfileBackendsOptions extends ProfileFigureContext {
  /** The SLO latency, ms (a dashed rule). */
  sloMs: number;
}

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
 * @param report a profile (`ProfileReport`), or its query count and backends
 * @param options the SLO latency, and the scenario and strategy for the title
 * @returns figure markup (a `<figure>` with a legend)
 * @example const { profiler } = lab.profileSimulation({ scenario, strategy: "rule-based", rounds: 20_000 });
 *   lab.show(profileBackendsFigure(profiler.report(), { sloMs: scenario.slo.latencyMs }))
 */
export function profileBackendsFigure(
  report: BackendLatencyData,
  options: ProfileBackendsOptions,
): string {
  const backends = report.backends.filter((b) => b.count > 0);
  const rows = backends.flatMap((b) =>
    PERCENTILES.map(([key, label]) => ({ backend: b.name, percentile: label, ms: b[key] })),
  );
  const order = [...backends].sort((a, b) => b.p99 - a.p99).map((b) => b.name);
  const slo = options.sloMs;
  return renderPlot({
    title: `Latency percentiles per backend${about(options)}`,
    subtitle: `${report.queries.count.toLocaleString("en-US")} queries; the dashed line is the ${slo} ms SLO`,
    width: 720,
    height: 60 + 50 * backends.length,
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
      Plot.ruleY(backends, {
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
 * The part of a profile the windows figure draws; a `ProfileReport` is one. Windows without
 * queries are left out.
 */
export interface LatencyWindowsData {
  /** Width of a window, ms. */
  windowMs: number;
  /** In time order. */
  windows: readonly Pick<WindowSnapshot, "startMs" | "endMs" | "queries" | "p50" | "p95" | "p99">[];
}

/** Options of {@link profileWindowsFigure}. */
export interface ProfileWindowsOptions extends ProfileFigureContext {
  /** The SLO latency, ms (a dashed rule). */
  sloMs: number;
  /** Bands to shade, e.g. `scenarioIncidents(scenario, result.totals.simulatedMs)`; default none. */
  incidents?: readonly Incident[];
  /** Where the run ended, ms, for incidents when there is no window; default unbounded. */
  simulatedMs?: number;
}

/**
 * End-to-end latency (p50, p95, p99) per profiler window over time, on a log axis, with the
 * incidents shaded and the SLO as a dashed rule: a degradation shows as a step up of the upper
 * percentiles inside its band.
 *
 * @param report a profile (`ProfileReport`), or its window width and windows
 * @param options the SLO latency, incidents, and the scenario and strategy for the title
 * @returns figure markup (a `<figure>` with a legend)
 * @example const { profiler, result } = lab.profileSimulation({ scenario, strategy: "rule-based", rounds: 20_000 });
 *   // scenarioIncidents from "routing-lab/sim"
 *   lab.show(profileWindowsFigure(profiler.report(), { sloMs: scenario.slo.latencyMs,
 *     incidents: scenarioIncidents(scenario, result.totals.simulatedMs) }))
 */
export function profileWindowsFigure(
  report: LatencyWindowsData,
  options: ProfileWindowsOptions,
): string {
  const windows = report.windows.filter((w) => w.queries > 0);
  const rows = windows.flatMap((w) => {
    const t = (w.startMs + w.endMs) / 2000;
    return [
      { t, ms: w.p50, series: "p50" },
      { t, ms: w.p95, series: "p95" },
      { t, ms: w.p99, series: "p99" },
    ];
  });
  const runEnd =
    windows.length > 0
      ? windows[windows.length - 1].endMs
      : (options.simulatedMs ?? Number.POSITIVE_INFINITY);
  const bands = (options.incidents ?? [])
    .filter((i) => i.startMs < runEnd)
    .map((i) => ({ x1: i.startMs / 1000, x2: Math.min(i.endMs, runEnd) / 1000, label: i.label }));
  const slo = options.sloMs;
  return renderPlot({
    title: `Query latency over time, ${report.windowMs / 1000} s windows${about(options)}`,
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
 * The part of verified advice the advice figures draw; a `VerifiedAdvice` is one.
 * Recommendations without an effect (unverified) are left out.
 */
export interface AdviceFigureData {
  recommendations: readonly Pick<VerifiedRecommendation, "id" | "verdict" | "change" | "effect">[];
  verification: {
    settings: Pick<AdviceSettings, "reps" | "rounds" | "tested">;
    combined?: CombinedAdvice;
  };
}

/** Options of {@link adviceWhatIfFigure}. */
export interface AdviceWhatIfOptions extends WhatIfFigureOptions, ProfileFigureContext {
  /** The SLO latency, ms: with the p99 metric, a dashed rule and named in the title. */
  sloMs?: number;
}

/**
 * Before/after bars of one metric for every re-simulated recommendation: means over the
 * paired repetitions without and with the change. Each row is labelled with the change and
 * its verdict (advised, rejected); for p99 the SLO is a dashed rule.
 *
 * @param advice what `verifyAdvice` returned
 * @param options the metric to draw, the SLO latency, the scenario and strategy for the title
 * @returns figure markup (a `<figure>` with a legend)
 * @example lab.show(adviceWhatIfFigure(lab.verifyAdvice(recommendations, { base }),
 *   { metric: "sloAttainment" }))
 */
export function adviceWhatIfFigure(
  advice: AdviceFigureData,
  options: AdviceWhatIfOptions = {},
): string {
  const metric = options.metric ?? "p99";
  const percent = metric === "sloAttainment";
  const rows = advice.recommendations.flatMap((rec) => {
    if (rec.effect === undefined) return [];
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
  const slo = metric === "p99" ? options.sloMs : undefined;
  if (slo !== undefined) {
    marks.push(
      Plot.ruleX([slo], { stroke: LIMIT_COLOR, strokeDasharray: "5,4", strokeWidth: 1.5 }),
    );
  }
  const changes = [...new Set(rows.map((d) => d.change))];
  return renderPlot({
    title: `What-if: ${label.title} before/after each change${slo !== undefined ? ` (dashed: ${slo} ms SLO)` : ""}`,
    subtitle: `Means of ${advice.verification.settings.reps} paired repetitions${about(options)}, re-simulated with each change on the same traffic.`,
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
 * @param advice what `verifyAdvice` returned
 * @param options the scenario and strategy for the subtitle
 * @returns figure markup (a `<figure>` with a legend)
 * @example lab.show(adviceEffectsFigure(lab.verifyAdvice(recommendations, { base })))
 */
export function adviceEffectsFigure(
  advice: AdviceFigureData,
  options: ProfileFigureContext = {},
): string {
  const rows = advice.recommendations.flatMap((rec) => {
    if (rec.effect === undefined) return [];
    const d = rec.effect.sloAttainment.diff;
    const verdict = rec.verdict === "advised" ? "advised" : "rejected";
    return [{ label: rec.change ?? rec.id, verdict, mean: d.mean, lo: d.lo, hi: d.hi }];
  });
  const c = advice.verification.combined;
  if (c !== undefined) {
    const d = c.effect.sloAttainment.diff;
    rows.push({
      label: "all advised together",
      verdict: "advised",
      mean: d.mean,
      lo: d.lo,
      hi: d.hi,
    });
  }
  const s = advice.verification.settings;
  return renderPlot({
    title: "Change in SLO attainment of each candidate, with its paired interval",
    subtitle: `${s.reps} paired repetitions × ${s.rounds.toLocaleString("en-US")} queries${about(options)}; Holm-corrected over ${s.tested} candidates.`,
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

/** Notebook 05's scenario and strategy, for the titles. */
function studyContext(r: ProfilerStudyResult): ProfileFigureContext {
  return { scenario: r.scenario.name, strategy: r.strategy };
}

/** Notebook 05's verified advice as the advice figures read it (`null` is absent there). */
function studyAdvice(r: ProfilerStudyResult): AdviceFigureData {
  return {
    recommendations: r.recommendations.map((rec) => ({
      id: rec.id,
      verdict: rec.verdict,
      change: rec.change ?? undefined,
      effect: rec.effect ?? undefined,
    })),
    verification: { settings: r.advice.settings, combined: r.advice.combined ?? undefined },
  };
}

/**
 * Notebook 05's latency per backend (see {@link profileBackendsFigure}).
 *
 * @param r a profiler study result
 * @returns figure markup (a `<figure>` with a legend)
 * @example lab.show(backendLatencyFigure(result), "05-backend-latency")
 */
export function backendLatencyFigure(r: ProfilerStudyResult): string {
  return profileBackendsFigure(
    { queries: { count: r.run.queries }, backends: r.backends },
    { ...studyContext(r), sloMs: r.slo.latencyMs },
  );
}

/**
 * Notebook 05's latency over time, with the scenario's incidents (see
 * {@link profileWindowsFigure}).
 *
 * @param r a profiler study result
 * @returns figure markup (a `<figure>` with a legend)
 * @example lab.show(latencyOverTimeFigure(result), "05-latency-over-time")
 */
export function latencyOverTimeFigure(r: ProfilerStudyResult): string {
  return profileWindowsFigure(r, {
    ...studyContext(r),
    sloMs: r.slo.latencyMs,
    incidents: r.scenario.incidents,
    simulatedMs: r.run.simulatedMs,
  });
}

/**
 * Notebook 05's before/after bars (see {@link adviceWhatIfFigure}).
 *
 * @param r a profiler study result
 * @param options the metric to draw
 * @returns figure markup (a `<figure>` with a legend)
 * @example lab.show(whatIfFigure(result, { metric: "p99" }), "05-whatif-p99")
 */
export function whatIfFigure(r: ProfilerStudyResult, options: WhatIfFigureOptions = {}): string {
  return adviceWhatIfFigure(studyAdvice(r), {
    ...studyContext(r),
    metric: options.metric,
    sloMs: r.slo.latencyMs,
  });
}

/**
 * Notebook 05's change in SLO attainment per candidate (see {@link adviceEffectsFigure}).
 *
 * @param r a profiler study result
 * @returns figure markup (a `<figure>` with a legend)
 * @example lab.show(adviceEffectFigure(result), "05-advice-effects")
 */
export function adviceEffectFigure(r: ProfilerStudyResult): string {
  return adviceEffectsFigure(studyAdvice(r), studyContext(r));
}
