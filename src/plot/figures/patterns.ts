/**
 * Figures of execution patterns (notebook 03). Each figure takes {@link PatternFigureData},
 * plain data per pattern: build it from `runExperiment` results with
 * {@link fromPatternExperiments} (one experiment per pattern), or from notebook 03's study
 * result with {@link patternFigureData}; the study figures at the end do that for you. Each
 * returns markup (show it with `lab.show`). Lines and points are labelled directly: saved SVGs
 * keep no HTML legend.
 */
import { SeriesStats } from "../../profiling/series-stats.js";
import type { ExperimentResult } from "../../sim/run/run-experiment.js";
import { QUANTILE_GRID } from "../../studies/execution-patterns/plan.js";
import type { ExecutionPatternsResult } from "../../studies/execution-patterns/result.js";
import { Plot, renderPlot } from "../render.js";
import { inlineLegend } from "./inline-legend.js";
import { frameOptions, pixelScale, spreadLabels, untangleLeaders } from "./label-layout.js";
import { LIMIT_COLOR, PATTERN_COLORS, REFERENCE_COLOR } from "./palette.js";
import { panelGrid } from "./panel-grid.js";

/** One execution pattern as the pattern figures draw it. */
export interface PatternFigureEntry {
  /** For labels and colours; unique among the patterns. */
  label: string;
  /** The pattern in compact form, e.g. `hedged:delay=p95` (`feed-forward` is the CDFs' reference). */
  pattern: string;
  /** End-to-end latency quantile function, ms: `latencyMs[i]` is the `q[i]` quantile. */
  latencyMs: readonly number[];
  /** End-to-end p99 latency, ms. */
  p99: number;
  /** Mean relevance of the answer returned (0 for failed queries). */
  meanRelevance: number;
  /** Share of queries answered relevantly, in [0, 1]. */
  successRate: number;
  /** Share of queries answered relevantly within the SLO latency, in [0, 1]. */
  sloAttainment: number;
  /** Backend requests per query, cancelled ones included. */
  callsPerQuery: number;
  /** Requests cancelled per query. */
  cancelledPerQuery: number;
}

/** What the pattern figures draw, whichever result it comes from. */
export interface PatternFigureData {
  scenario: string;
  /** The router every pattern ran with. */
  strategy: string;
  /** Queries behind each pattern's percentiles. */
  queries: number;
  /** The SLO latency, ms (dashed in every figure). */
  sloLatencyMs: number;
  /** Quantile levels of every `latencyMs`, ascending, ending at 0.999 (the percentile plot's right edge). */
  q: readonly number[];
  /** In run order (colours follow it). */
  patterns: readonly PatternFigureEntry[];
}

/** Options of {@link fromPatternExperiments}. */
export interface PatternExperimentsOptions {
  /** The SLO latency, ms, e.g. `scenario.slo.latencyMs`. */
  sloLatencyMs: number;
  /** One label per experiment; default each experiment's pattern. */
  labels?: readonly string[];
  /** The strategy to draw; default the first experiment's first strategy. */
  strategy?: string;
}

/**
 * The pattern figures' view of one `runExperiment` result per pattern, each run with
 * `profile: true` and `keepRuns: true`: the repetitions' query sketches (DDSketch, ±1 %) are
 * pooled into one latency distribution per pattern, the rates are the means over repetitions.
 *
 * @param experiments one per pattern, in the order to draw them
 * @param options the SLO latency, labels and strategy
 * @returns the figures' input
 * @throws {RangeError} when there is no experiment, the labels do not match them, or an
 *   experiment lacks the strategy, its repetitions (`keepRuns`) or their profiles (`profile`)
 * @example
 * const runs = [];
 * for (const pattern of ["feed-forward", "hedged:delay=p95"]) runs.push(await lab.runExperiment({
 *   scenario, strategies: ["thompson"], pattern, rounds: 10_000, reps: 2, profile: true, keepRuns: true }));
 * lab.show(percentilesByPatternFigure(fromPatternExperiments(runs, { sloLatencyMs: scenario.slo.latencyMs })));
 */
export function fromPatternExperiments(
  experiments: readonly ExperimentResult[],
  options: PatternExperimentsOptions,
): PatternFigureData {
  if (experiments.length === 0) throw new RangeError("fromPatternExperiments: no experiment");
  const labels = options.labels ?? experiments.map((e) => e.pattern);
  if (labels.length !== experiments.length) {
    throw new RangeError(
      `fromPatternExperiments: ${labels.length} labels for ${experiments.length} experiments`,
    );
  }
  const strategy = options.strategy ?? experiments[0].strategies[0]?.strategy;
  const patterns = experiments.map((e, i) => {
    const s = e.strategies.find((x) => x.strategy === strategy);
    if (s === undefined) {
      throw new RangeError(
        `fromPatternExperiments: the ${e.pattern} experiment has no ${strategy}`,
      );
    }
    if (s.runs === undefined) {
      throw new RangeError(`fromPatternExperiments: run the ${e.pattern} experiment with keepRuns`);
    }
    const queries = new SeriesStats();
    for (const run of s.runs) {
      if (run.profile === undefined) {
        throw new RangeError(
          `fromPatternExperiments: run the ${e.pattern} experiment with profile`,
        );
      }
      queries.merge(SeriesStats.fromJSON(run.profile.queries));
    }
    const summary = queries.summary();
    return {
      label: labels[i],
      pattern: e.pattern,
      latencyMs: QUANTILE_GRID.map((p) => queries.sketch.quantile(p)),
      p99: summary.p99,
      meanRelevance: summary.meanRelevance,
      successRate: s.totals.successRate.mean,
      sloAttainment: s.totals.sloAttainment.mean,
      callsPerQuery: s.totals.callsPerQuery.mean,
      cancelledPerQuery: s.totals.cancelledPerQuery.mean,
    };
  });
  const first = experiments[0];
  return {
    scenario: first.scenario,
    strategy: strategy as string,
    queries: first.rounds * first.reps,
    sloLatencyMs: options.sloLatencyMs,
    q: QUANTILE_GRID,
    patterns,
  };
}

/**
 * The pattern figures' view of notebook 03's study result.
 *
 * @param r an execution-patterns result
 * @returns the figures' input, patterns in the study's order
 * @example percentilesByPatternFigure(patternFigureData(result))
 */
export function patternFigureData(r: ExecutionPatternsResult): PatternFigureData {
  return {
    scenario: r.scenario.name,
    strategy: r.strategy,
    queries: r.rounds * r.reps,
    sloLatencyMs: r.slo.latencyMs,
    q: r.quantiles.q,
    patterns: r.order.map((id) => {
      const p = r.patterns[id];
      return {
        label: p.label,
        pattern: p.pattern,
        latencyMs: r.quantiles.ms[id],
        p99: p.p99,
        meanRelevance: p.meanRelevance,
        successRate: p.successRate,
        sloAttainment: p.sloAttainment,
        callsPerQuery: p.callsPerQuery,
        cancelledPerQuery: p.cancelledPerQuery,
      };
    }),
  };
}

function colorsOf(d: PatternFigureData): { domain: string[]; range: string[] } {
  return {
    domain: d.patterns.map((p) => p.label),
    range: d.patterns.map((_, i) => PATTERN_COLORS[i % PATTERN_COLORS.length]),
  };
}

/** Position on the "nines" axis: p50 → 0.3, p90 → 1, p99 → 2, p99.9 → 3. */
const nines = (q: number) => -Math.log10(1 - q);

const PERCENTILE_TICKS: readonly [number, string][] = [
  [0.5, "p50"],
  [0.75, "p75"],
  [0.9, "p90"],
  [0.95, "p95"],
  [0.99, "p99"],
  [0.995, "p99.5"],
  [0.999, "p99.9"],
];

/** Round latency bounds of a log axis: 1, 2, 5 × powers of ten around the data. */
function logDomain(values: readonly number[]): [number, number] {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  const steps = [1, 2, 5, 10];
  const lo = Math.min(...positive);
  const hi = Math.max(...positive);
  const pLo = 10 ** Math.floor(Math.log10(lo));
  const pHi = 10 ** Math.floor(Math.log10(hi));
  const down = [...steps].reverse().find((s) => s * pLo <= lo) ?? 1;
  const up = steps.find((s) => s * pHi >= hi) ?? 10;
  return [down * pLo, up * pHi];
}

/**
 * End-to-end latency percentiles of every pattern from p50 to p99.9, on a log latency axis
 * against a "nines" axis (each step right is ten times rarer), one labelled line per
 * pattern, with the SLO latency dashed: the far right is where the patterns differ most.
 *
 * @param d the patterns' latency quantiles ({@link fromPatternExperiments})
 * @returns figure markup
 * @example lab.show(percentilesByPatternFigure(fromPatternExperiments(runs, { sloLatencyMs: 300 })))
 */
export function percentilesByPatternFigure(d: PatternFigureData): string {
  const width = 760;
  const height = 460;
  const margin = { top: 20, right: 200, bottom: 44, left: 60 };
  const colors = colorsOf(d);
  const q = d.q;
  const rows = d.patterns.flatMap((pat) =>
    q
      .map((p, i) => ({ pattern: pat.label, x: nines(p), ms: pat.latencyMs[i] }))
      .filter((_, i) => q[i] >= 0.5),
  );
  const yDomain = logDomain([...rows.map((r) => r.ms), d.sloLatencyMs]);
  const xDomain: [number, number] = [nines(0.5), nines(0.999)];
  const y = pixelScale({
    domain: yDomain,
    range: [height - margin.bottom, margin.top],
    type: "log",
  });
  const ends = d.patterns.map((pat) => {
    const ms = pat.latencyMs;
    return { pattern: pat.label, x: xDomain[1], ms: ms[ms.length - 1] };
  });
  const wanted = ends.map((e) => y(e.ms));
  const placed = spreadLabels(wanted, { gap: 13, lo: margin.top, hi: height - margin.bottom });
  const slo = d.sloLatencyMs;
  return renderPlot({
    title: `Latency percentiles per execution pattern (${d.scenario} scenario, ${d.strategy})`,
    ...frameOptions({ width, height, margin }),
    x: {
      domain: xDomain,
      label: `percentile of ${d.queries.toLocaleString("en-US")} queries per pattern (log scale of 1 − q) →`,
      ticks: PERCENTILE_TICKS.map(([p]) => nines(p)),
      tickFormat: (v: number) =>
        PERCENTILE_TICKS.find(([p]) => Math.abs(nines(p) - v) < 1e-9)?.[1] ?? "",
      grid: true,
    },
    y: {
      type: "log",
      domain: yDomain,
      label: "↑ end-to-end latency (ms, log scale)",
      grid: true,
      tickFormat: "~s",
    },
    color: colors,
    marks: [
      Plot.ruleY([slo], { stroke: LIMIT_COLOR, strokeDasharray: "5,4", strokeWidth: 1.5 }),
      Plot.text([slo], {
        y: (d: number) => d,
        text: () => `SLO ${slo} ms`,
        frameAnchor: "left",
        textAnchor: "start",
        dx: 4,
        dy: -7,
        fill: LIMIT_COLOR,
        fontSize: 10,
      }),
      Plot.lineY(rows, { x: "x", y: "ms", z: "pattern", stroke: "pattern", strokeWidth: 1.8 }),
      Plot.dot(ends, { x: "x", y: "ms", fill: "pattern", r: 2.5 }),
      ...ends.map((e, i) =>
        Plot.text([e], {
          x: "x",
          y: "ms",
          text: (e: { pattern: string; ms: number }) => `${e.pattern} (${fmtMs(e.ms)})`,
          fill: "pattern",
          textAnchor: "start",
          dx: 7,
          dy: placed[i] - wanted[i],
          fontSize: 11,
        }),
      ),
    ],
  });
}

/**
 * The latency distribution (CDF) of each pattern in its own small panel, with feed-forward's
 * in grey behind it for comparison and the SLO latency dashed. Shared log latency axis: a
 * curve left of the grey one is faster; a curve reaching 100 % sooner has a shorter tail.
 *
 * @param d the patterns' latency quantiles ({@link fromPatternExperiments})
 * @returns figure markup
 * @example lab.show(cdfByPatternFigure(fromPatternExperiments(runs, { sloLatencyMs: 300 })))
 */
export function cdfByPatternFigure(d: PatternFigureData): string {
  const columns = 4;
  const colors = colorsOf(d);
  const base = d.patterns.find((p) => p.pattern === "feed-forward") ?? d.patterns[0];
  const panelOf = (i: number) => ({ fx: i % columns, fy: Math.floor(i / columns) });
  const q = d.q;
  const rows = d.patterns.flatMap((pat, k) =>
    q.map((p, i) => ({ ...panelOf(k), pattern: pat.label, ms: pat.latencyMs[i], p })),
  );
  const reference = d.patterns.flatMap((_, k) =>
    q.map((p, i) => ({ ...panelOf(k), ms: base.latencyMs[i], p })),
  );
  const titles = d.patterns.map((pat, k) => ({ ...panelOf(k), pattern: pat.label }));
  const slo = d.sloLatencyMs;
  const xDomain = logDomain([...rows.map((r) => r.ms), slo]);
  const rowsCount = Math.ceil(d.patterns.length / columns);
  return renderPlot({
    title: `Latency CDF per execution pattern; grey: ${base.label} (${d.scenario} scenario, ${d.strategy})`,
    width: 900,
    height: 80 + 190 * rowsCount,
    marginLeft: 56,
    marginBottom: 44,
    marginTop: 16,
    x: {
      type: "log",
      domain: xDomain,
      label: "end-to-end latency (ms, log scale) →",
      grid: true,
      tickFormat: "~s",
      // Inner decades only: labels at the domain's ends would run into the next panel's.
      ticks: decadesInside(xDomain),
    },
    y: { domain: [0, 100], label: "↑ queries done (%)", percent: true, grid: true, ticks: 4 },
    fx: { axis: null, padding: 0.1 },
    fy: { axis: null, padding: 0.15 },
    color: colors,
    marks: [
      Plot.frame({ stroke: "#ccc" }),
      Plot.ruleX(titles, {
        x: () => slo,
        fx: "fx",
        fy: "fy",
        stroke: LIMIT_COLOR,
        strokeDasharray: "4,3",
      }),
      Plot.line(reference, {
        x: "ms",
        y: "p",
        fx: "fx",
        fy: "fy",
        stroke: REFERENCE_COLOR,
        strokeWidth: 2.5,
      }),
      Plot.line(rows, { x: "ms", y: "p", fx: "fx", fy: "fy", stroke: "pattern", strokeWidth: 1.8 }),
      Plot.text(titles, {
        fx: "fx",
        fy: "fy",
        text: "pattern",
        fill: "pattern",
        frameAnchor: "top-left",
        dx: 4,
        dy: 4,
        fontSize: 11,
        fontWeight: "bold",
      }),
      Plot.text(titles.slice(0, 1), {
        fx: "fx",
        fy: "fy",
        x: () => slo,
        text: () => `SLO ${slo} ms`,
        frameAnchor: "bottom",
        textAnchor: "start",
        dx: 3,
        dy: -4,
        fill: LIMIT_COLOR,
        fontSize: 9,
      }),
    ],
  });
}

type QualityMetric = "meanRelevance" | "successRate" | "sloAttainment";

const QUALITY_LABEL: Record<QualityMetric, string> = {
  meanRelevance: "mean relevance",
  successRate: "success (relevant answer, %)",
  sloAttainment: "SLO attainment (%)",
};

function qualityPanel(d: PatternFigureData, metric: QualityMetric): string {
  const width = 600;
  const height = 420;
  const margin = { top: 24, right: 190, bottom: 44, left: 56 };
  const points = d.patterns.map((p) => ({ pattern: p.label, p99: p.p99, value: p[metric] }));
  const slo = d.sloLatencyMs;
  const xDomain = logDomain([...points.map((p) => p.p99), slo]);
  const values = points.map((p) => p.value);
  // Tenths around the data: the patterns bunch up, so the axis should not waste room.
  const yDomain: [number, number] = [
    Math.max(0, Math.floor(Math.min(...values) * 10 - 0.5) / 10),
    Math.min(1, Math.ceil(Math.max(...values) * 10 + 0.5) / 10),
  ];
  const y = pixelScale({ domain: yDomain, range: [height - margin.bottom, margin.top] });
  // Labels in a column right of the frame, each joined to its point by a leader: points of
  // different patterns can sit on top of each other. The column's slots come from the points'
  // heights; which label takes which slot is chosen so that no two leaders cross.
  const x = pixelScale({
    domain: xDomain,
    range: [margin.left, width - margin.right],
    type: "log",
  });
  const at = points.map((p) => ({ x: x(p.p99), y: y(p.value) }));
  const slots = spreadLabels(
    at.map((p) => p.y),
    { gap: 14, lo: margin.top, hi: height - margin.bottom },
  ).map((slotY) => ({ x: width - margin.right, y: slotY }));
  const slotOf = untangleLeaders(at, slots);
  const labels = points.map((p, i) => ({ ...p, x2: xDomain[1], y2: y.invert(slots[slotOf[i]].y) }));
  const percent = metric !== "meanRelevance";
  const scaleY = percent ? 100 : 1;
  return renderPlot({
    title: `${QUALITY_LABEL[metric].replace(/ \(.*\)$/, "")} against p99 latency`,
    ...frameOptions({ width, height, margin }),
    x: {
      type: "log",
      domain: xDomain,
      label: "p99 latency (ms, log scale) →",
      // Centred under the frame: at the right it would sit under the label column, outside
      // this panel's plot (and next to the neighbouring panel).
      labelAnchor: "center",
      grid: true,
      tickFormat: "~s",
    },
    // With `percent`, Plot's domain is in percent.
    y: {
      domain: [yDomain[0] * scaleY, yDomain[1] * scaleY],
      label: `↑ ${QUALITY_LABEL[metric]}`,
      grid: true,
      percent,
    },
    color: colorsOf(d),
    marks: [
      Plot.frame({ stroke: "#ddd" }),
      Plot.ruleX([slo], { stroke: LIMIT_COLOR, strokeDasharray: "5,4" }),
      Plot.text([slo], {
        x: (v: number) => v,
        text: () => `SLO ${slo} ms`,
        frameAnchor: "bottom",
        textAnchor: "start",
        dx: 4,
        dy: -4,
        fill: LIMIT_COLOR,
        fontSize: 10,
      }),
      Plot.link(labels, {
        x1: "p99",
        y1: "value",
        x2: "x2",
        y2: "y2",
        stroke: "pattern",
        strokeOpacity: 0.5,
        strokeWidth: 0.8,
      }),
      Plot.dot(points, { x: "p99", y: "value", fill: "pattern", r: 5, stroke: "white" }),
      Plot.text(labels, {
        x: "x2",
        y: "y2",
        text: "pattern",
        fill: "pattern",
        textAnchor: "start",
        dx: 6,
        fontSize: 11,
      }),
    ],
  });
}

/**
 * Quality against tail latency, one point per pattern: mean relevance of the fused answer
 * and success rate (a relevant answer), each against the p99. Up and left is better; the
 * SLO latency is dashed.
 *
 * @param d the patterns' p99 and quality ({@link fromPatternExperiments})
 * @returns a standalone SVG
 * @example lab.show(qualityByPatternFigure(fromPatternExperiments(runs, { sloLatencyMs: 300 })))
 */
export function qualityByPatternFigure(d: PatternFigureData): string {
  return panelGrid([qualityPanel(d, "meanRelevance"), qualityPanel(d, "successRate")], {
    title: `Quality against latency per execution pattern (${d.scenario} scenario, ${d.strategy})`,
    columns: 2,
  });
}

/**
 * Backend calls per query for every pattern, split into calls that completed and calls
 * cancelled once the query no longer needed them (both loaded a backend), against the one
 * call of feed-forward: the extra load of fan-out and hedging.
 *
 * @param d the patterns' calls per query ({@link fromPatternExperiments})
 * @returns figure markup
 * @example lab.show(callsByPatternFigure(fromPatternExperiments(runs, { sloLatencyMs: 300 })))
 */
export function callsByPatternFigure(d: PatternFigureData): string {
  const kinds = ["completed", "cancelled"];
  const labels = d.patterns.map((p) => p.label);
  const rows = d.patterns.flatMap((p) => [
    { pattern: p.label, kind: "completed", calls: p.callsPerQuery - p.cancelledPerQuery },
    { pattern: p.label, kind: "cancelled", calls: p.cancelledPerQuery },
  ]);
  const totals = d.patterns;
  const max = Math.max(...totals.map((p) => p.callsPerQuery));
  return renderPlot({
    title: `Backend calls per query by execution pattern (${d.scenario} scenario, ${d.strategy})`,
    width: 760,
    height: 100 + 32 * labels.length,
    marginLeft: 190,
    marginRight: 30,
    marginBottom: 64,
    x: { domain: [0, Math.ceil(max * 1.25)], label: "backend calls per query →", grid: true },
    y: { domain: labels, label: "execution pattern" },
    color: { domain: kinds, range: [PATTERN_COLORS[2], REFERENCE_COLOR] },
    marks: [
      Plot.barX(
        rows,
        Plot.stackX({ x: "calls", y: "pattern", fill: "kind", order: kinds, inset: 0.5 }),
      ),
      Plot.ruleX([1], { stroke: "#333", strokeDasharray: "4,3" }),
      Plot.text(totals, {
        x: "callsPerQuery",
        y: "label",
        text: (p: { callsPerQuery: number; cancelledPerQuery: number }) =>
          p.cancelledPerQuery > 0.005
            ? `${p.callsPerQuery.toFixed(3)} (${p.cancelledPerQuery.toFixed(2)} cancelled)`
            : p.callsPerQuery.toFixed(3),
        textAnchor: "start",
        dx: 5,
        fontSize: 11,
      }),
      ...inlineLegend(["completed", "cancelled"], { frameAnchor: "bottom-left", dy: 50 }),
      Plot.text(["dashed: 1 call per query (feed-forward)"], {
        frameAnchor: "bottom-left",
        dx: 190,
        dy: 50,
        textAnchor: "start",
        fontSize: 11,
      }),
    ],
  });
}

/**
 * Notebook 03's latency percentiles (see {@link percentilesByPatternFigure}).
 *
 * @param r an execution-patterns result
 * @returns figure markup
 * @example lab.show(patternPercentileFigure(result), "03-latency-percentiles")
 */
export function patternPercentileFigure(r: ExecutionPatternsResult): string {
  return percentilesByPatternFigure(patternFigureData(r));
}

/**
 * Notebook 03's latency CDFs (see {@link cdfByPatternFigure}).
 *
 * @param r an execution-patterns result
 * @returns figure markup
 * @example lab.show(patternCdfFigure(result), "03-latency-cdf")
 */
export function patternCdfFigure(r: ExecutionPatternsResult): string {
  return cdfByPatternFigure(patternFigureData(r));
}

/**
 * Notebook 03's quality against latency (see {@link qualityByPatternFigure}).
 *
 * @param r an execution-patterns result
 * @returns a standalone SVG
 * @example lab.show(qualityLatencyFigure(result), "03-quality-latency")
 */
export function qualityLatencyFigure(r: ExecutionPatternsResult): string {
  return qualityByPatternFigure(patternFigureData(r));
}

/**
 * Notebook 03's backend calls per query (see {@link callsByPatternFigure}).
 *
 * @param r an execution-patterns result
 * @returns figure markup
 * @example lab.show(callsPerQueryFigure(result), "03-calls-per-query")
 */
export function callsPerQueryFigure(r: ExecutionPatternsResult): string {
  return callsByPatternFigure(patternFigureData(r));
}

function decadesInside([lo, hi]: readonly [number, number]): number[] {
  const out: number[] = [];
  for (let e = Math.ceil(Math.log10(lo)); 10 ** e <= hi; e++) {
    if (10 ** e > lo * 1.0001 && 10 ** e < hi / 1.0001) out.push(10 ** e);
  }
  return out;
}

function fmtMs(ms: number): string {
  return ms >= 100
    ? `${Math.round(ms)} ms`
    : ms >= 10
      ? `${ms.toFixed(1)} ms`
      : `${ms.toPrecision(2)} ms`;
}
