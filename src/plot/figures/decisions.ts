/**
 * Figures of notebook 01, routing decisions. Each builder takes a study's result and returns
 * markup from `renderPlot` (show it with `tslab.display.html`, save it with `saveFigure`).
 */
import type {
  ClassificationStudy,
  DecisionSpeedStudy,
} from "../../studies/routing-decisions/result.js";
import { Plot, renderPlot } from "../render.js";
import { LIMIT_COLOR, REFERENCE_COLOR as OLD, EMPHASIS_COLOR as OURS } from "./palette.js";

/** 2,310,000 → "2.31M", 41,670 → "41.7k", 10,000 → "10k". */
function compact(x: number): string {
  if (x >= 1e6) return `${Number((x / 1e6).toPrecision(3))}M`;
  if (x >= 1e3) return `${Number((x / 1e3).toPrecision(3))}k`;
  return String(Number(x.toPrecision(3)));
}

/** 1 and 2 times the powers of ten, within [a, b]. */
function decades(a: number, b: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(a)); 10 ** e <= b; e++) {
    for (const m of [1, 2]) if (m * 10 ** e >= a && m * 10 ** e <= b) out.push(m * 10 ** e);
  }
  return out;
}

interface SpeedBar {
  /** The strategy, or "" for rows that are not one of ours. */
  name: string;
  label: string;
  kind: "ours" | "old";
  median: number;
  min: number;
  max: number;
  text: string;
}

/**
 * Routing decisions per second per strategy as horizontal bars on a log axis: our medians
 * with min–max whiskers over runs, each labelled with its per-decision time, the Thompson
 * growth check, and the old Python system's published figures as grey bars. Red ticks mark
 * the targets.
 *
 * @param speed a decision-speed study
 * @returns figure markup
 * @example tslab.display.html(decisionSpeedFigure(speed))
 */
export function decisionSpeedFigure(speed: DecisionSpeedStudy): string {
  const bars: SpeedBar[] = speed.order.map((name) => {
    const s = speed.strategies[name];
    return {
      name,
      label: s.outcomesRecorded > 0 ? `${name} (${compact(s.outcomesRecorded)} outcomes)` : name,
      kind: "ours",
      median: s.decisionsPerSecond.median,
      min: s.decisionsPerSecond.min,
      max: s.decisionsPerSecond.max,
      text: `${compact(s.decisionsPerSecond.median)}/s · ${s.perDecisionNs.p50.toFixed(0)} ns`,
    };
  });
  const g = speed.growthCheck;
  if (g !== null) {
    // Right under the first Thompson row, which it is compared with.
    bars.splice(speed.order.indexOf("thompson") + 1, 0, {
      name: "",
      label: `thompson (${compact(g.outcomesRecorded)} outcomes)`,
      kind: "ours",
      median: g.decisionsPerSecond.median,
      min: g.decisionsPerSecond.min,
      max: g.decisionsPerSecond.max,
      text: `${compact(g.decisionsPerSecond.median)}/s (${g.ratio.toFixed(2)}× the row above)`,
    });
  }
  for (const key of ["rule-based", "thompson"] as const) {
    const o = speed.oldSystem[key];
    bars.push({
      name: "",
      label: `old system: ${key === "thompson" ? "learned" : key}`,
      kind: "old",
      median: o.published,
      min: o.published,
      max: o.published,
      text: `${compact(o.published)}/s published (Python, another machine)`,
    });
  }
  const targets = speed.order.flatMap((name) => {
    const target = speed.strategies[name].target;
    const bar = bars.find((b) => b.name === name);
    return target === null || bar === undefined ? [] : [{ label: bar.label, target }];
  });
  const top = Math.max(...bars.map((b) => b.max), ...targets.map((t) => t.target));
  // Bars need a finite base on a log axis: a decade below the smallest figure.
  const base = 10 ** Math.floor(Math.log10(Math.min(...bars.map((b) => b.min))) - 0.3);
  return renderPlot({
    title: "Routing decisions per second by strategy (one core, log scale)",
    subtitle: `Medians of ${speed.settings.runs} runs, min–max whiskers, label: median and ns per decision (p50). Grey: the old Python system's published figures (another machine, another language). Red ticks: targets.`,
    width: 760,
    height: 60 + 30 * bars.length,
    marginLeft: 210,
    marginRight: 20,
    x: {
      type: "log",
      domain: [base, top * 2],
      ticks: decades(base, top * 2),
      label: "decisions per second (log scale) →",
      grid: true,
      tickFormat: compact,
    },
    y: { label: "router", domain: bars.map((b) => b.label) },
    marks: [
      ...(["ours", "old"] as const).map((kind) =>
        Plot.barX(
          bars.filter((b) => b.kind === kind),
          {
            x1: () => base,
            x2: "median",
            y: "label",
            fill: kind === "ours" ? OURS : OLD,
            insetTop: 4,
            insetBottom: 4,
          },
        ),
      ),
      Plot.ruleY(
        bars.filter((b) => b.kind === "ours"),
        { y: "label", x1: "min", x2: "max", stroke: "black", strokeWidth: 1.5 },
      ),
      Plot.tickX(targets, { x: "target", y: "label", stroke: LIMIT_COLOR, strokeWidth: 2.5 }),
      Plot.text(targets, {
        x: "target",
        y: "label",
        text: (d: { target: number }) => `target ${compact(d.target)}`,
        dy: -11,
        fill: LIMIT_COLOR,
        fontSize: 9,
      }),
      // Our labels sit inside the bars at their base, clear of the whiskers and target
      // ticks at their ends; the old system's short bars carry theirs outside.
      Plot.text(
        bars.filter((b) => b.kind === "ours"),
        {
          x: () => base,
          y: "label",
          text: "text",
          textAnchor: "start",
          dx: 6,
          fill: "white",
          fontSize: 10,
        },
      ),
      Plot.text(
        bars.filter((b) => b.kind === "old"),
        { x: "median", y: "label", text: "text", textAnchor: "start", dx: 6, fontSize: 10 },
      ),
    ],
  });
}

/**
 * The classifier's confusion matrix: labelled type (rows) against the type the word patterns
 * give (columns), each cell with its count; the diagonal (right) is outlined.
 *
 * @param study a classification study
 * @returns figure markup
 * @example tslab.display.html(confusionFigure(study))
 */
export function confusionFigure(study: ClassificationStudy): string {
  const { types, counts } = study.confusion;
  const cells = types.flatMap((labelled, i) =>
    types.map((classified, j) => ({ labelled, classified, count: counts[i][j] })),
  );
  const nonzero = cells.filter((c) => c.count > 0);
  const diagonal = cells.filter((c) => c.labelled === c.classified);
  // White numbers on the darker half of the sqrt colour ramp.
  const dark = Math.max(...cells.map((c) => c.count)) / 4;
  return renderPlot({
    title: `Classifier: labelled against classified type (${study.total} queries, accuracy ${(study.accuracy * 100).toFixed(1)} %)`,
    subtitle: "Old system's word patterns. Outlined: right answers. Off the diagonal: mistakes.",
    width: 680,
    height: 80 + 48 * types.length,
    marginLeft: 100,
    marginBottom: 50,
    x: { domain: types, label: "classified as →", axis: "bottom" },
    y: { domain: types, label: "↑ labelled" },
    color: { type: "sqrt", scheme: "blues" },
    marks: [
      Plot.cell(nonzero, { x: "classified", y: "labelled", fill: "count", inset: 0.5 }),
      Plot.cell(diagonal, {
        x: "classified",
        y: "labelled",
        fill: "none",
        stroke: "black",
        strokeWidth: 1.5,
        inset: 1,
      }),
      // Two text marks with constant fills: a fill channel would go through the count scale.
      Plot.text(
        cells.filter((c) => c.count <= dark),
        { x: "classified", y: "labelled", text: "count", fill: "black", fontSize: 12 },
      ),
      Plot.text(
        cells.filter((c) => c.count > dark),
        { x: "classified", y: "labelled", text: "count", fill: "white", fontSize: 12 },
      ),
    ],
  });
}
