/**
 * Figures of notebook 09, contextual routing: regret curves of per-type against contextual
 * learners and of the non-stationary policies, the patterns adaptive-pattern learns, and every
 * policy's decision speed.
 */
import type {
  ContextualRoutingResult,
  LearnerComparison,
} from "../../studies/contextual-routing/result.js";
import { Plot, renderPlot } from "../render.js";
import { regretBandsFigure, type StrategyFigureData } from "./experiment.js";
import { CATEGORY_COLORS, categoryColors } from "./palette.js";

/** An estimate notebook 09 does not record (the regret figure never reads it). */
const UNRECORDED = { mean: Number.NaN, lo: Number.NaN, hi: Number.NaN, sd: Number.NaN, n: 0 };

/**
 * The experiment figures' view of a learner comparison: its regret curves and totals. Only
 * regret is read by {@link regretBandsFigure}; success rate and traffic are not recorded.
 *
 * @param c `result.contextual` or `result.drift`
 * @returns the figures' input
 */
export function learnerFigureData(c: LearnerComparison): StrategyFigureData {
  const strategies: StrategyFigureData["strategies"] = Object.fromEntries(
    c.order.map((name) => {
      const s = c.strategies[name];
      return [
        name,
        {
          curves: { regret: c.curves.regret[name] },
          regret: s.regret,
          successRate: UNRECORDED,
          sloAttainment: s.sloAttainment,
          bestBackendRate: s.bestBackendRate,
          trafficShare: {},
        },
      ];
    }),
  );
  const ranked = c.order
    .filter((n) => n !== "oracle")
    .sort((a, b) => c.strategies[a].regret.mean - c.strategies[b].regret.mean);
  return {
    scenario: c.scenario.name,
    reps: c.reps,
    order: c.order,
    ranked: [...ranked, ...c.order.filter((n) => n === "oracle")],
    queries: c.curves.queries,
    strategies,
  };
}

/**
 * Cumulative regret of every strategy of a comparison, mean and 95 % band over repetitions:
 * all of them on log–log axes (slope 1 is regret growing linearly, as a per-type learner's on
 * the contextual scenario), the learners on linear axes (see `regretBandsFigure`).
 *
 * @param c a learner comparison of notebook 09 (`result.contextual` or `result.drift`)
 * @returns figure markup
 * @example tslab.display.html(learnerRegretFigure(result.contextual))
 */
export function learnerRegretFigure(c: LearnerComparison): string {
  return regretBandsFigure(learnerFigureData(c));
}

/** The category colours by name (CATEGORY_COLORS' order), for the title: a saved SVG keeps no legend. */
const COLOR_NAMES = [
  "blue",
  "orange",
  "green",
  "purple",
  "brown",
  "magenta",
  "teal",
  "olive",
  "grey",
];

/** Short names of the default candidates, written inside the bars. */
const SHORT: Record<string, string> = {
  "feed-forward": "feed-forward",
  "hedged:delay=p95": "hedge p95",
  "parallel:fanout=2,rule=first-k": "fan-out 2",
};

/**
 * Which execution pattern adaptive-pattern ran each query type's queries with, as stacked
 * shares per (scenario, type), each slice wide enough named inside it; the pattern it learned
 * (picked most often, in most repetitions) is written beside each bar.
 *
 * @param r notebook 09's result
 * @returns figure markup
 * @example tslab.display.html(adaptivePatternFigure(result))
 */
export function adaptivePatternFigure(r: ContextualRoutingResult): string {
  const patterns = r.adaptive[0]?.types[0]?.patterns.map((p) => p.pattern) ?? [];
  const label = (scenario: string, type: string) => `${scenario} · ${type}`;
  const rows = r.adaptive.flatMap((a) =>
    a.types.flatMap((t) =>
      t.patterns.map((p) => ({
        row: label(a.scenario.name, t.type),
        pattern: p.pattern,
        share: p.pickShare * 100,
        name: p.pickShare >= 0.18 ? (SHORT[p.pattern] ?? p.pattern) : "",
      })),
    ),
  );
  const learned = r.adaptive.flatMap((a) =>
    a.types.map((t) => ({
      row: label(a.scenario.name, t.type),
      text: `${SHORT[t.learned] ?? t.learned} (${t.agreeing}/${a.reps})`,
    })),
  );
  const domain = learned.map((x) => x.row);
  return renderPlot({
    title: `Patterns adaptive-pattern ran per query type (λ = ${r.adaptive[0]?.callCost}): ${patterns
      .map((p, i) => `${COLOR_NAMES[i] ?? "other"} ${SHORT[p] ?? p}`)
      .join(", ")}`,
    subtitle:
      "Share of the type's queries, mean over repetitions; beside each bar, the pattern learned (repetitions agreeing)",
    width: 900,
    height: 70 + 26 * domain.length,
    marginLeft: 170,
    marginRight: 150,
    x: { domain: [0, 100], label: "share of the type's queries (%) →", grid: true },
    y: { domain, label: "scenario · query type" },
    color: { domain: patterns, range: categoryColors(patterns.length), legend: true },
    marks: [
      Plot.barX(
        rows,
        Plot.stackX({ x: "share", y: "row", z: "pattern", fill: "pattern", order: patterns }),
      ),
      Plot.text(
        rows,
        Plot.stackX({
          x: "share",
          y: "row",
          z: "pattern",
          text: "name",
          order: patterns,
          fill: "white",
          fontSize: 10,
        }),
      ),
      Plot.text(learned, {
        x: 100,
        y: "row",
        text: "text",
        textAnchor: "start",
        dx: 8,
        fontSize: 11,
      }),
    ],
  });
}

/**
 * Decisions per CPU-second of every policy on one core (texts classified, five backends), on
 * a log axis, with the value written beside each bar.
 *
 * @param r notebook 09's result
 * @returns figure markup
 * @example tslab.display.html(policySpeedFigure(result))
 */
export function policySpeedFigure(r: ContextualRoutingResult): string {
  const rows = [...r.decisionSpeed.rows].sort(
    (a, b) => b.decisionsPerCpuSecond - a.decisionsPerCpuSecond,
  );
  const max = Math.max(...rows.map((x) => x.decisionsPerCpuSecond), 1);
  return renderPlot({
    title: "Decision speed of every policy, one core (median of interleaved runs)",
    width: 760,
    height: 60 + 26 * rows.length,
    marginLeft: 130,
    marginRight: 90,
    x: {
      type: "log",
      domain: [1e4, 10 ** Math.ceil(Math.log10(max))],
      label: "decisions per CPU-second (log scale) →",
      grid: true,
      tickFormat: "~s",
    },
    y: { domain: rows.map((x) => x.strategy), label: "policy" },
    marks: [
      Plot.barX(rows, {
        x1: 1e4,
        x2: "decisionsPerCpuSecond",
        y: "strategy",
        fill: CATEGORY_COLORS[0],
      }),
      Plot.text(rows, {
        x: "decisionsPerCpuSecond",
        y: "strategy",
        text: (d: { decisionsPerCpuSecond: number }) =>
          Math.round(d.decisionsPerCpuSecond).toLocaleString("en-US"),
        textAnchor: "start",
        dx: 5,
        fontSize: 10,
      }),
    ],
  });
}
