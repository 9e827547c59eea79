/**
 * Figures of any experiment: they take what `runExperiment` returns (src/sim/run), so a
 * notebook that ran its own experiment can plot it, and notebook 02's study figures are built
 * on the same drawing code ({@link StrategyFigureData}). Lines and points are labelled
 * directly: saved SVGs keep no HTML legend.
 */
import type { AggregateCurves } from "../../sim/metrics/aggregate.js";
import type { ExperimentResult } from "../../sim/run/run-experiment.js";
import type { BandSeries } from "../../stats/band-series.js";
import type { Estimate } from "../../stats/estimate.js";
import { Plot, renderPlot } from "../render.js";
import { inlineLegend } from "./inline-legend.js";
import { frameOptions, pixelScale, spreadLabels } from "./label-layout.js";
import { CATEGORY_COLORS, SPARE_STRATEGY_COLORS, STRATEGY_COLORS } from "./palette.js";
import { panelGrid } from "./panel-grid.js";

/** One strategy as the strategy figures draw it. */
export interface StrategyFigureEntry {
  /** Curves over the run by metric, each a mean with its 95 % band per point. */
  curves: Partial<Record<CurveMetric, BandSeries>>;
  /** Totals over repetitions. */
  regret: Estimate;
  successRate: Estimate;
  sloAttainment: Estimate;
  bestBackendRate: Estimate;
  /** Each backend's share of requests (mean over repetitions). */
  trafficShare: Record<string, number>;
}

/**
 * What the strategy figures draw, whichever result it comes from: {@link fromExperiment} for a
 * `runExperiment` result; notebook 02's figures build it from a strategy comparison.
 */
export interface StrategyFigureData {
  scenario: string;
  reps: number;
  /** Strategy names in run order (colours follow it). */
  order: readonly string[];
  /** Strategies for tables and bars: by regret, lowest first; the oracle last. */
  ranked: readonly string[];
  /** Queries arrived by the end of each curve point: the x axis. */
  queries: readonly number[];
  strategies: Readonly<Record<string, StrategyFigureEntry>>;
}

/** The curves of {@link AggregateCurves} a figure can draw over the run. */
export type CurveMetric = Exclude<keyof AggregateCurves, "queries" | "trafficShare">;

/**
 * The strategy figures' view of an experiment: its curves and totals by strategy, ranked by
 * mean regret (the oracle last).
 *
 * @param result what `runExperiment` returned
 * @returns the figures' input
 * @example regretBandsFigure(fromExperiment(await runExperiment(options)))
 */
export function fromExperiment(result: ExperimentResult): StrategyFigureData {
  const strategies: Record<string, StrategyFigureEntry> = {};
  for (const s of result.strategies) {
    const { queries: _queries, trafficShare: _share, ...curves } = s.curves;
    const trafficShare: Record<string, number> = {};
    for (const [id, e] of Object.entries(s.totals.trafficShare)) trafficShare[id] = e.mean;
    strategies[s.strategy] = {
      curves,
      regret: s.totals.regret,
      successRate: s.totals.successRate,
      sloAttainment: s.totals.sloAttainment,
      bestBackendRate: s.totals.bestBackendRate,
      trafficShare,
    };
  }
  const order = result.strategies.map((s) => s.strategy);
  const ranked = order
    .filter((s) => s !== "oracle")
    .sort((a, b) => strategies[a].regret.mean - strategies[b].regret.mean);
  return {
    scenario: result.scenario,
    reps: result.reps,
    order,
    ranked: [...ranked, ...order.filter((s) => s === "oracle")],
    queries: result.strategies[0]?.curves.queries ?? [],
    strategies,
  };
}

/**
 * A fixed colour per known strategy, the spare ones in turn for the others.
 *
 * @param names strategies in run order
 * @returns Plot's colour scale options
 */
export function strategyColors(names: readonly string[]): { domain: string[]; range: string[] } {
  let spare = 0;
  return {
    domain: [...names],
    range: names.map(
      (n) => STRATEGY_COLORS[n] ?? SPARE_STRATEGY_COLORS[spare++ % SPARE_STRATEGY_COLORS.length],
    ),
  };
}

const fmtCount = (n: number) => n.toLocaleString("en-US");

interface CurveRow {
  strategy: string;
  queries: number;
  mean: number;
  lo: number;
  hi: number;
}

function curveOf(d: StrategyFigureData, name: string, metric: CurveMetric): BandSeries {
  const c = d.strategies[name].curves[metric];
  if (!c) throw new RangeError(`the ${name} strategy has no ${metric} curve`);
  return c;
}

/**
 * One row per strategy and curve point, for band-and-line marks.
 *
 * @param logY on a log axis a band cannot reach 0, so such lower bounds become NaN (left out)
 */
function curveRows(
  d: StrategyFigureData,
  metric: CurveMetric,
  names: readonly string[],
  logY: boolean,
): CurveRow[] {
  return names.flatMap((name) => {
    const c = curveOf(d, name, metric);
    return d.queries.map((q, i) => ({
      strategy: name,
      queries: q,
      mean: c.mean[i],
      lo: logY && !(c.lo[i] > 0) ? Number.NaN : c.lo[i],
      hi: c.hi[i],
    }));
  });
}

/** Options of one regret panel. */
interface RegretPanel {
  title: string;
  names: readonly string[];
  log: boolean;
}

function regretPanel(d: StrategyFigureData, panel: RegretPanel): string {
  const width = 540;
  const height = 400;
  const margin = { top: 20, right: 110, bottom: 44, left: 64 };
  const xs = d.queries;
  const rows = curveRows(d, "regret", panel.names, panel.log);
  const positive = rows.filter((r) => r.mean > 0);
  const yMax = Math.max(...rows.map((r) => r.hi).filter(Number.isFinite), 1);
  const yMin = panel.log ? Math.min(...positive.map((r) => r.mean)) : 0;
  const yDomain: [number, number] = panel.log
    ? [10 ** Math.floor(Math.log10(yMin)), 10 ** Math.ceil(Math.log10(yMax))]
    : [0, yMax * 1.05];
  const xDomain: [number, number] = [xs[0], xs[xs.length - 1]];
  const y = pixelScale({
    domain: yDomain,
    range: [height - margin.bottom, margin.top],
    type: panel.log ? "log" : "linear",
  });
  const ends = panel.names.map((name) => {
    const c = curveOf(d, name, "regret");
    return { strategy: name, queries: xDomain[1], mean: c.mean[c.mean.length - 1] };
  });
  const wanted = ends.map((e) => y(panel.log ? Math.max(e.mean, yDomain[0]) : e.mean));
  const placed = spreadLabels(wanted, { gap: 13, lo: margin.top, hi: height - margin.bottom });
  return renderPlot({
    title: panel.title,
    ...frameOptions({ width, height, margin }),
    x: {
      type: panel.log ? "log" : "linear",
      domain: xDomain,
      label: `queries${panel.log ? " (log scale)" : ""} →`,
      // Centred under the frame, clear of the label column on the right.
      labelAnchor: "center",
      grid: true,
      tickFormat: "~s",
    },
    y: {
      type: panel.log ? "log" : "linear",
      domain: yDomain,
      label: `↑ cumulative regret${panel.log ? " (log scale)" : ""}`,
      grid: true,
      tickFormat: panel.log ? "~s" : ",~f",
    },
    color: strategyColors(d.order),
    marks: [
      ...bandMarks(rows, panel.log ? positive : rows, { fillOpacity: 0.18, strokeWidth: 1.8 }),
      ...ends.map((e, i) =>
        Plot.text([e], {
          x: "queries",
          y: () => (panel.log ? Math.max(e.mean, yDomain[0]) : e.mean),
          text: () => (e.strategy === "oracle" ? "oracle (0)" : e.strategy),
          fill: "strategy",
          textAnchor: "start",
          dx: 6,
          dy: placed[i] - wanted[i],
          fontSize: 11,
        }),
      ),
    ],
  });
}

/**
 * Cumulative regret against the oracle over the run, mean with its 95 % band over
 * repetitions, in two panels: every strategy on log–log axes (a straight line of slope 1 is
 * regret growing linearly: a strategy that never settles), and the learning strategies on
 * linear axes, where the bands and the flattening of a converging learner show.
 *
 * @param d the strategies' curves and totals ({@link fromExperiment})
 * @returns a standalone SVG
 * @example show(regretBandsFigure(fromExperiment(result)), "regret")
 */
export function regretBandsFigure(d: StrategyFigureData): string {
  const nonOracle = d.order.filter((s) => s !== "oracle");
  // The learners: strategies ending below a quarter of the worst regret (which grows linearly).
  const worst = Math.max(...nonOracle.map((s) => d.strategies[s].regret.mean));
  const learners = d.ranked.filter(
    (s) => s === "oracle" || d.strategies[s].regret.mean < 0.25 * worst,
  );
  return panelGrid(
    [
      regretPanel(d, {
        title: "All strategies (log–log; the oracle's regret is 0)",
        names: nonOracle,
        log: true,
      }),
      regretPanel(d, { title: "The learners, linear axes", names: learners, log: false }),
    ],
    {
      title: `Cumulative regret vs the oracle, mean and 95 % band over ${d.reps} repetitions (${d.scenario} scenario)`,
      columns: 2,
    },
  );
}

/**
 * Cumulative regret of every strategy of an experiment over the run, with 95 % bands (see
 * {@link regretBandsFigure}).
 *
 * @param result what `runExperiment` returned (with an `oracle` among the strategies the
 *   regret is against it; it is pseudo-regret against the best expected reward either way)
 * @returns a standalone SVG
 * @example lab.show(lab.regretFigure(await lab.runExperiment({ scenario, strategies: ["thompson", "ucb1", "oracle"], rounds: 10_000, reps: 5 })))
 */
export function regretFigure(result: ExperimentResult): string {
  return regretBandsFigure(fromExperiment(result));
}

const CURVE_LABEL: Record<CurveMetric, { axis: string; percent: boolean }> = {
  timeMs: { axis: "virtual time (ms)", percent: false },
  regret: { axis: "cumulative regret", percent: false },
  successRate: { axis: "success rate (%)", percent: true },
  sloAttainment: { axis: "SLO attainment (%)", percent: true },
  bestBackendRate: { axis: "decisions picking a best backend (%)", percent: true },
  callsPerQuery: { axis: "backend calls per query", percent: false },
  latencyP50: { axis: "p50 latency (ms)", percent: false },
  latencyP95: { axis: "p95 latency (ms)", percent: false },
  latencyP99: { axis: "p99 latency (ms)", percent: false },
};

/** Options of {@link curveBandsFigure} and {@link curveFigure}. */
export interface CurveFigureOptions {
  /** Which curve; default `bestBackendRate`. */
  metric?: CurveMetric;
  /** The figure's title (default: the metric, scenario and repetitions). */
  title?: string;
}

/**
 * One curve per strategy over the run (per bin of consecutive queries, on a log x axis: the
 * learning happens early), mean and 95 % band, each labelled at its end.
 *
 * @param d the strategies' curves ({@link fromExperiment})
 * @param options the metric and title
 * @returns figure markup
 * @throws {RangeError} when a strategy has no such curve
 * @example show(curveBandsFigure(fromExperiment(result), { metric: "sloAttainment" }))
 */
export function curveBandsFigure(d: StrategyFigureData, options: CurveFigureOptions = {}): string {
  const metric = options.metric ?? "bestBackendRate";
  const { axis, percent } = CURVE_LABEL[metric];
  const width = 760;
  const height = 420;
  const margin = { top: 20, right: 120, bottom: 44, left: 56 };
  const xs = d.queries;
  const rows = curveRows(d, metric, d.order, false);
  const finite = rows.flatMap((r) => [r.lo, r.hi, r.mean]).filter(Number.isFinite);
  const yDomain: [number, number] = percent
    ? [0, 1]
    : [Math.min(0, ...finite), Math.max(...finite, 1e-9) * 1.05];
  const y = pixelScale({ domain: yDomain, range: [height - margin.bottom, margin.top] });
  const ends = d.order.map((name) => {
    const c = curveOf(d, name, metric);
    return { strategy: name, queries: xs[xs.length - 1], mean: c.mean[c.mean.length - 1] };
  });
  const wanted = ends.map((e) => y(e.mean));
  const placed = spreadLabels(wanted, { gap: 13, lo: margin.top, hi: height - margin.bottom });
  const scale = percent ? 100 : 1;
  return renderPlot({
    title:
      options.title ??
      `${axis.replace(/ \(.*\)$/, "")} over the run, per ${fmtCount(xs[0])} queries (${d.scenario} scenario, ${d.reps} reps, 95 % bands)`,
    ...frameOptions({ width, height, margin }),
    // Log x: learning happens early, so the first bins get the room.
    x: {
      type: "log",
      domain: [xs[0], xs[xs.length - 1]],
      label: "queries (log scale) →",
      labelAnchor: "center",
      grid: true,
      tickFormat: "~s",
    },
    // With `percent`, Plot's domain is in percent.
    y: {
      domain: [yDomain[0] * scale, yDomain[1] * scale],
      label: `↑ ${axis}`,
      grid: true,
      percent,
    },
    color: strategyColors(d.order),
    marks: [
      ...bandMarks(rows, rows, { fillOpacity: 0.15, strokeWidth: 1.5 }),
      ...ends.map((e, i) =>
        Plot.text([e], {
          x: "queries",
          y: "mean",
          text: "strategy",
          fill: "strategy",
          textAnchor: "start",
          dx: 6,
          dy: placed[i] - wanted[i],
          fontSize: 11,
        }),
      ),
    ],
  });
}

/**
 * One curve per strategy of an experiment over the run (see {@link curveBandsFigure}).
 *
 * @param result what `runExperiment` returned
 * @param options the metric (default `bestBackendRate`) and title
 * @returns figure markup
 * @example lab.show(lab.curveFigure(result, { metric: "latencyP99" }), "p99-over-time")
 */
export function curveFigure(result: ExperimentResult, options: CurveFigureOptions = {}): string {
  return curveBandsFigure(fromExperiment(result), options);
}

const TOTAL_METRICS = [
  ["bestBackendRate", "best backend chosen"],
  ["successRate", "success (relevant answer)"],
  ["sloAttainment", "SLO attainment"],
] as const;

/**
 * Best-backend rate, success rate and SLO attainment per strategy: the mean over repetitions
 * as a dot with its 95 % interval as a bar (often narrower than the dot), value written
 * beside it. Strategies by regret, lowest first; the oracle last.
 *
 * @param d the strategies' totals ({@link fromExperiment})
 * @returns figure markup
 * @example show(totalsBandsFigure(fromExperiment(result)))
 */
export function totalsBandsFigure(d: StrategyFigureData): string {
  const names = d.ranked;
  const rows = names.flatMap((name) =>
    TOTAL_METRICS.map(([key, metric]) => {
      const b = d.strategies[name][key];
      return { strategy: name, metric, mean: b.mean, lo: b.lo, hi: b.hi };
    }),
  );
  return renderPlot({
    title: `Decisions and outcomes per strategy, mean and 95 % interval over ${d.reps} repetitions (${d.scenario} scenario)`,
    width: 900,
    height: 70 + 34 * names.length,
    marginLeft: 100,
    marginRight: 20,
    marginTop: 30,
    marginBottom: 44,
    x: {
      domain: [0, 115],
      percent: true,
      label: "share (%) →",
      grid: true,
      ticks: [0, 25, 50, 75, 100],
    },
    y: { domain: [...names], label: "strategy" },
    fx: { domain: TOTAL_METRICS.map(([, m]) => m), label: null, padding: 0.08 },
    color: strategyColors(d.order),
    marks: [
      Plot.frame({ stroke: "#ddd" }),
      Plot.ruleY(rows, {
        x1: 0,
        x2: "mean",
        y: "strategy",
        fx: "metric",
        stroke: "#eee",
        strokeWidth: 6,
      }),
      Plot.ruleY(rows, {
        x1: "lo",
        x2: "hi",
        y: "strategy",
        fx: "metric",
        stroke: "strategy",
        strokeWidth: 3,
      }),
      Plot.dot(rows, { x: "mean", y: "strategy", fx: "metric", fill: "strategy", r: 4 }),
      Plot.text(rows, {
        x: "mean",
        y: "strategy",
        fx: "metric",
        text: (r: { mean: number }) => `${(r.mean * 100).toFixed(1)} %`,
        textAnchor: "start",
        dx: 7,
        fontSize: 10,
      }),
    ],
  });
}

/**
 * Best-backend rate, success rate and SLO attainment per strategy of an experiment (see
 * {@link totalsBandsFigure}).
 *
 * @param result what `runExperiment` returned
 * @returns figure markup
 * @example lab.show(lab.totalsFigure(result), "totals")
 */
export function totalsFigure(result: ExperimentResult): string {
  return totalsBandsFigure(fromExperiment(result));
}

/**
 * Each strategy's traffic split over the backends (share of requests), as stacked bars with
 * the backend and its share written in every slice wide enough to hold it.
 *
 * @param d the strategies' totals ({@link fromExperiment})
 * @returns figure markup
 * @example show(trafficBandsFigure(fromExperiment(result)))
 */
export function trafficBandsFigure(d: StrategyFigureData): string {
  const names = d.ranked;
  const backends = Object.keys(d.strategies[names[0]].trafficShare);
  const rows = names.flatMap((name) =>
    backends.map((backend) => ({
      strategy: name,
      backend,
      share: d.strategies[name].trafficShare[backend],
    })),
  );
  const wide = (r: { share: number }) => r.share >= 0.07;
  return renderPlot({
    title: `Where each strategy sends its traffic: share of requests per backend (${d.scenario} scenario)`,
    width: 820,
    height: 90 + 34 * names.length,
    marginLeft: 100,
    marginRight: 20,
    marginBottom: 64,
    x: { domain: [0, 100], percent: true, label: "share of requests (%) →" },
    y: { domain: [...names], label: "strategy" },
    color: { domain: backends, range: CATEGORY_COLORS.slice(0, backends.length) },
    marks: [
      Plot.barX(
        rows,
        Plot.stackX({ x: "share", y: "strategy", fill: "backend", order: backends, inset: 0.5 }),
      ),
      Plot.text(
        rows,
        Plot.stackX({
          x: "share",
          y: "strategy",
          z: "backend",
          order: backends,
          text: (r: { backend: string; share: number }) =>
            wide(r) ? `${r.backend} ${(r.share * 100).toFixed(0)} %` : "",
          fill: "white",
          fontSize: 10,
        }),
      ),
      ...inlineLegend(backends, { frameAnchor: "bottom-left", dy: 50 }),
    ],
  });
}

/**
 * Each strategy's traffic split over the backends in an experiment (see
 * {@link trafficBandsFigure}).
 *
 * @param result what `runExperiment` returned
 * @returns figure markup
 * @example lab.show(lab.trafficFigure(result), "traffic")
 */
export function trafficFigure(result: ExperimentResult): string {
  return trafficBandsFigure(fromExperiment(result));
}

/**
 * Each strategy's 95 % band (`lo` to `hi`) and its mean line over the run, coloured by strategy:
 * the marks the band figures share.
 *
 * @param band the rows the band is drawn from
 * @param line the rows the mean line is drawn from (a log scale leaves out non-positive means)
 * @param style the band's opacity and the line's width
 * @returns the two marks
 */
function bandMarks<T>(
  band: T[],
  line: T[],
  style: { fillOpacity: number; strokeWidth: number },
): Plot.Markish[] {
  return [
    Plot.areaY(band, {
      x: "queries",
      y1: "lo",
      y2: "hi",
      z: "strategy",
      fill: "strategy",
      fillOpacity: style.fillOpacity,
    }),
    Plot.lineY(line, {
      x: "queries",
      y: "mean",
      z: "strategy",
      stroke: "strategy",
      strokeWidth: style.strokeWidth,
    }),
  ];
}
