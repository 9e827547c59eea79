/**
 * Figures of notebook 02, strategy comparison. Each builder takes the study's result and
 * returns markup (show it with `tslab.display.html`, save it with `saveFigure`). Lines and
 * points are labelled directly: saved SVGs keep no HTML legend.
 */
import { strategyTableOrder } from "../../studies/strategy-comparison/markdown.js";
import type { StrategyComparisonResult } from "../../studies/strategy-comparison/result.js";
import { Plot, renderPlot } from "../render.js";
import { inlineLegend } from "./inline-legend.js";
import { frameOptions, pixelScale, spreadLabels } from "./label-layout.js";
import { CATEGORY_COLORS, SPARE_STRATEGY_COLORS, STRATEGY_COLORS } from "./palette.js";
import { panelGrid } from "./panel-grid.js";

function colorsOf(names: readonly string[]): { domain: string[]; range: string[] } {
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

/**
 * One row per strategy and curve point, for band-and-line marks.
 *
 * @param logY on a log axis a band cannot reach 0, so such lower bounds become NaN (left out)
 */
function curveRows(
  xs: readonly number[],
  curves: Record<string, { mean: readonly number[]; lo: readonly number[]; hi: readonly number[] }>,
  names: readonly string[],
  logY: boolean,
): CurveRow[] {
  return names.flatMap((name) => {
    const c = curves[name];
    return xs.map((q, i) => ({
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
  names: string[];
  log: boolean;
}

function regretPanel(r: StrategyComparisonResult, panel: RegretPanel): string {
  const width = 540;
  const height = 400;
  const margin = { top: 20, right: 110, bottom: 44, left: 64 };
  const xs = r.curves.queries;
  const rows = curveRows(xs, r.curves.regret, panel.names, panel.log);
  const positive = rows.filter((d) => d.mean > 0);
  const yMax = Math.max(...rows.map((d) => d.hi).filter(Number.isFinite), 1);
  const yMin = panel.log ? Math.min(...positive.map((d) => d.mean)) : 0;
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
    const c = r.curves.regret[name];
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
    color: colorsOf(r.order),
    marks: [
      Plot.areaY(rows, {
        x: "queries",
        y1: "lo",
        y2: "hi",
        z: "strategy",
        fill: "strategy",
        fillOpacity: 0.18,
      }),
      Plot.lineY(panel.log ? positive : rows, {
        x: "queries",
        y: "mean",
        z: "strategy",
        stroke: "strategy",
        strokeWidth: 1.8,
      }),
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
 * @param r a strategy comparison
 * @returns a standalone SVG
 * @example tslab.display.html(regretCurvesFigure(result))
 */
export function regretCurvesFigure(r: StrategyComparisonResult): string {
  const nonOracle = r.order.filter((s) => s !== "oracle");
  // The learners: strategies ending below a quarter of the worst regret (which grows linearly).
  const worst = Math.max(...nonOracle.map((s) => r.strategies[s].regret.mean));
  const learners = strategyTableOrder(r).filter(
    (s) => s === "oracle" || r.strategies[s].regret.mean < 0.25 * worst,
  );
  return panelGrid(
    [
      regretPanel(r, {
        title: "All strategies (log–log; the oracle's regret is 0)",
        names: nonOracle,
        log: true,
      }),
      regretPanel(r, { title: "The learners, linear axes", names: learners, log: false }),
    ],
    {
      title: `Cumulative regret vs the oracle, mean and 95 % band over ${r.reps} repetitions (${r.scenario.name} scenario)`,
      columns: 2,
    },
  );
}

/**
 * Best-backend rate (share of decisions picking a backend with the best expected reward) per
 * stretch of consecutive queries over the run, mean and 95 % band: how fast each strategy
 * learns where to send each query type.
 *
 * @param r a strategy comparison
 * @returns figure markup
 * @example tslab.display.html(bestBackendCurvesFigure(result))
 */
export function bestBackendCurvesFigure(r: StrategyComparisonResult): string {
  const width = 760;
  const height = 420;
  const margin = { top: 20, right: 120, bottom: 44, left: 56 };
  const xs = r.curves.queries;
  const rows = curveRows(xs, r.curves.bestBackendRate, r.order, false);
  const y = pixelScale({ domain: [0, 1], range: [height - margin.bottom, margin.top] });
  const ends = r.order.map((name) => {
    const c = r.curves.bestBackendRate[name];
    return { strategy: name, queries: xs[xs.length - 1], mean: c.mean[c.mean.length - 1] };
  });
  const wanted = ends.map((e) => y(e.mean));
  const placed = spreadLabels(wanted, { gap: 13, lo: margin.top, hi: height - margin.bottom });
  return renderPlot({
    title: `Best-backend rate over the run, per ${fmtCount(xs[0])} queries (${r.scenario.name} scenario, ${r.reps} reps, 95 % bands)`,
    ...frameOptions({ width, height, margin }),
    // Log x: learning happens early, so the first bins get the room.
    x: {
      type: "log",
      domain: [xs[0], xs[xs.length - 1]],
      label: "queries (log scale) →",
      grid: true,
      tickFormat: "~s",
    },
    // With `percent`, Plot's domain is in percent.
    y: {
      domain: [0, 100],
      label: "↑ decisions picking a best backend (%)",
      grid: true,
      percent: true,
    },
    color: colorsOf(r.order),
    marks: [
      Plot.areaY(rows, {
        x: "queries",
        y1: "lo",
        y2: "hi",
        z: "strategy",
        fill: "strategy",
        fillOpacity: 0.15,
      }),
      Plot.lineY(rows, {
        x: "queries",
        y: "mean",
        z: "strategy",
        stroke: "strategy",
        strokeWidth: 1.5,
      }),
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
 * @param r a strategy comparison
 * @returns figure markup
 * @example tslab.display.html(strategyTotalsFigure(result))
 */
export function strategyTotalsFigure(r: StrategyComparisonResult): string {
  const names = strategyTableOrder(r);
  const rows = names.flatMap((name) =>
    TOTAL_METRICS.map(([key, metric]) => {
      const b = r.strategies[name][key];
      return { strategy: name, metric, mean: b.mean, lo: b.lo, hi: b.hi };
    }),
  );
  return renderPlot({
    title: `Decisions and outcomes per strategy, mean and 95 % interval over ${r.reps} repetitions (${r.scenario.name} scenario)`,
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
    y: { domain: names, label: "strategy" },
    fx: { domain: TOTAL_METRICS.map(([, m]) => m), label: null, padding: 0.08 },
    color: colorsOf(r.order),
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
        text: (d: { mean: number }) => `${(d.mean * 100).toFixed(1)} %`,
        textAnchor: "start",
        dx: 7,
        fontSize: 10,
      }),
    ],
  });
}

/**
 * Each strategy's traffic split over the backends (share of requests), as stacked bars with
 * the backend and its share written in every slice wide enough to hold it.
 *
 * @param r a strategy comparison
 * @returns figure markup
 * @example tslab.display.html(trafficShareFigure(result))
 */
export function trafficShareFigure(r: StrategyComparisonResult): string {
  const names = strategyTableOrder(r);
  const backends = Object.keys(r.strategies[names[0]].trafficShare);
  const rows = names.flatMap((name) =>
    backends.map((backend) => ({
      strategy: name,
      backend,
      share: r.strategies[name].trafficShare[backend],
    })),
  );
  const wide = (d: { share: number }) => d.share >= 0.07;
  return renderPlot({
    title: `Where each strategy sends its traffic: share of requests per backend (${r.scenario.name} scenario)`,
    width: 820,
    height: 90 + 34 * names.length,
    marginLeft: 100,
    marginRight: 20,
    marginBottom: 64,
    x: { domain: [0, 100], percent: true, label: "share of requests (%) →" },
    y: { domain: names, label: "strategy" },
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
          text: (d: { backend: string; share: number }) =>
            wide(d) ? `${d.backend} ${(d.share * 100).toFixed(0)} %` : "",
          fill: "white",
          fontSize: 10,
        }),
      ),
      ...inlineLegend(backends, { frameAnchor: "bottom-left", dy: 50 }),
    ],
  });
}

/**
 * SLO attainment per query type (columns, each with the backend the oracle picks for it) and
 * strategy (rows), as a heatmap: each cell gives the attainment and its gap to the oracle's in
 * percentage points, and is shaded by that gap (white: as good as the oracle; dark red: 20
 * points or more below), so where each strategy loses stands out.
 *
 * @param r a strategy comparison
 * @returns figure markup
 * @example tslab.display.html(queryTypeFigure(result))
 */
export function queryTypeFigure(r: StrategyComparisonResult): string {
  const names = strategyTableOrder(r);
  const types = Object.keys(r.queryTypes);
  const column = (t: string) => `${t} → ${r.queryTypes[t].bestBackend}`;
  const hasOracle = names.includes("oracle");
  const rows = types.flatMap((t) => {
    const q = r.queryTypes[t];
    const reference = hasOracle ? q.strategies.oracle.sloAttainment.mean : q.bestExpectedReward;
    return names.map((name) => {
      const value = q.strategies[name].sloAttainment.mean;
      return { type: column(t), strategy: name, value, gap: value - reference };
    });
  });
  const text = (d: { value: number; gap: number }) =>
    `${(d.value * 100).toFixed(1)} %\n${d.gap >= -0.0005 ? "±0" : `−${(-d.gap * 100).toFixed(1)}`} pts`;
  return renderPlot({
    title: `SLO attainment per query type and strategy, and its gap to the ${hasOracle ? "oracle" : "best expected reward"} (${r.scenario.name} scenario)`,
    width: 820,
    height: 80 + 42 * names.length,
    marginLeft: 100,
    marginTop: 40,
    x: {
      domain: types.map(column),
      label: "query type → the backend with the best expected reward",
      axis: "top",
    },
    y: { domain: names, label: "strategy" },
    color: { type: "linear", domain: [-0.2, 0], range: ["#b2182b", "#f7f7f7"], clamp: true },
    marks: [
      Plot.cell(rows, { x: "type", y: "strategy", fill: "gap", inset: 1 }),
      // White on the dark cells, black on the light ones.
      ...[true, false].map((dark) =>
        Plot.text(
          rows.filter((d) => d.gap < -0.12 === dark),
          {
            x: "type",
            y: "strategy",
            text,
            fill: dark ? "white" : "black",
            fontSize: 11,
            lineHeight: 1.15,
          },
        ),
      ),
    ],
  });
}
