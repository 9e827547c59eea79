/**
 * Figures of notebook 02, strategy comparison. Each builder takes the study's result and
 * returns markup (show it with `show(figure, name)`). They draw with the experiment figures
 * (`./experiment.ts`), which take a `runExperiment` result as well. Lines and points are
 * labelled directly: saved SVGs keep no HTML legend.
 */
import { strategyTableOrder } from "../../studies/strategy-comparison/markdown.js";
import type { StrategyComparisonResult } from "../../studies/strategy-comparison/result.js";
import { Plot, renderPlot } from "../render.js";
import {
  curveBandsFigure,
  regretBandsFigure,
  type StrategyFigureData,
  type StrategyFigureEntry,
  totalsBandsFigure,
  trafficBandsFigure,
} from "./experiment.js";

/**
 * The experiment figures' view of a strategy comparison.
 *
 * @param r a strategy comparison
 * @returns its curves and totals by strategy, ranked as its tables are
 */
export function strategyComparisonFigureData(r: StrategyComparisonResult): StrategyFigureData {
  const strategies: Record<string, StrategyFigureEntry> = {};
  for (const name of r.order) {
    const s = r.strategies[name];
    strategies[name] = {
      curves: { regret: r.curves.regret[name], bestBackendRate: r.curves.bestBackendRate[name] },
      regret: s.regret,
      successRate: s.successRate,
      sloAttainment: s.sloAttainment,
      bestBackendRate: s.bestBackendRate,
      trafficShare: s.trafficShare,
    };
  }
  return {
    scenario: r.scenario.name,
    reps: r.reps,
    order: r.order,
    ranked: strategyTableOrder(r),
    queries: r.curves.queries,
    strategies,
  };
}

/**
 * Cumulative regret against the oracle over the run, mean with its 95 % band over
 * repetitions, in two panels: every strategy on log–log axes (a straight line of slope 1 is
 * regret growing linearly: a strategy that never settles), and the learning strategies on
 * linear axes, where the bands and the flattening of a converging learner show.
 *
 * @param r a strategy comparison
 * @returns a standalone SVG
 * @example show(regretCurvesFigure(result), "02-regret-curves")
 */
export function regretCurvesFigure(r: StrategyComparisonResult): string {
  return regretBandsFigure(strategyComparisonFigureData(r));
}

/**
 * Best-backend rate (share of decisions picking a backend with the best expected reward) per
 * stretch of consecutive queries over the run, mean and 95 % band: how fast each strategy
 * learns where to send each query type.
 *
 * @param r a strategy comparison
 * @returns figure markup
 * @example show(bestBackendCurvesFigure(result), "02-best-backend-rate")
 */
export function bestBackendCurvesFigure(r: StrategyComparisonResult): string {
  return curveBandsFigure(strategyComparisonFigureData(r), {
    metric: "bestBackendRate",
    title: `Best-backend rate over the run, per ${r.curves.queries[0].toLocaleString("en-US")} queries (${r.scenario.name} scenario, ${r.reps} reps, 95 % bands)`,
  });
}

/**
 * Best-backend rate, success rate and SLO attainment per strategy: the mean over repetitions
 * as a dot with its 95 % interval as a bar (often narrower than the dot), value written
 * beside it. Strategies by regret, lowest first; the oracle last.
 *
 * @param r a strategy comparison
 * @returns figure markup
 * @example show(strategyTotalsFigure(result), "02-strategy-totals")
 */
export function strategyTotalsFigure(r: StrategyComparisonResult): string {
  return totalsBandsFigure(strategyComparisonFigureData(r));
}

/**
 * Each strategy's traffic split over the backends (share of requests), as stacked bars with
 * the backend and its share written in every slice wide enough to hold it.
 *
 * @param r a strategy comparison
 * @returns figure markup
 * @example show(trafficShareFigure(result), "02-traffic-share")
 */
export function trafficShareFigure(r: StrategyComparisonResult): string {
  return trafficBandsFigure(strategyComparisonFigureData(r));
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
