/**
 * Figures of notebook 03, execution patterns. Each builder takes the study's result and
 * returns markup (show it with `tslab.display.html`, save it with `saveFigure`). Lines and
 * points are labelled directly: saved SVGs keep no HTML legend.
 */
import type { ExecutionPatternsResult } from "../../studies/execution-patterns/result.js";
import { Plot, renderPlot } from "../render.js";
import { inlineLegend } from "./inline-legend.js";
import { frameOptions, pixelScale, spreadLabels, untangleLeaders } from "./label-layout.js";
import { LIMIT_COLOR, PATTERN_COLORS, REFERENCE_COLOR } from "./palette.js";
import { panelGrid } from "./panel-grid.js";

function colorsOf(r: ExecutionPatternsResult): { domain: string[]; range: string[] } {
  return {
    domain: r.order.map((id) => r.patterns[id].label),
    range: r.order.map((_, i) => PATTERN_COLORS[i % PATTERN_COLORS.length]),
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
 * @param r an execution-patterns result
 * @returns figure markup
 * @example tslab.display.html(patternPercentileFigure(result))
 */
export function patternPercentileFigure(r: ExecutionPatternsResult): string {
  const width = 760;
  const height = 460;
  const margin = { top: 20, right: 200, bottom: 44, left: 60 };
  const colors = colorsOf(r);
  const q = r.quantiles.q;
  const rows = r.order.flatMap((id) =>
    q
      .map((p, i) => ({ pattern: r.patterns[id].label, x: nines(p), ms: r.quantiles.ms[id][i] }))
      .filter((_, i) => q[i] >= 0.5),
  );
  const yDomain = logDomain([...rows.map((d) => d.ms), r.slo.latencyMs]);
  const xDomain: [number, number] = [nines(0.5), nines(0.999)];
  const y = pixelScale({
    domain: yDomain,
    range: [height - margin.bottom, margin.top],
    type: "log",
  });
  const ends = r.order.map((id) => {
    const ms = r.quantiles.ms[id];
    return { pattern: r.patterns[id].label, x: xDomain[1], ms: ms[ms.length - 1] };
  });
  const wanted = ends.map((e) => y(e.ms));
  const placed = spreadLabels(wanted, { gap: 13, lo: margin.top, hi: height - margin.bottom });
  const slo = r.slo.latencyMs;
  return renderPlot({
    title: `Latency percentiles per execution pattern (${r.scenario.name} scenario, ${r.strategy})`,
    ...frameOptions({ width, height, margin }),
    x: {
      domain: xDomain,
      label: `percentile of ${(r.rounds * r.reps).toLocaleString("en-US")} queries per pattern (log scale of 1 − q) →`,
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
          text: (d: { pattern: string; ms: number }) => `${d.pattern} (${fmtMs(d.ms)})`,
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
 * @param r an execution-patterns result
 * @returns figure markup
 * @example tslab.display.html(patternCdfFigure(result))
 */
export function patternCdfFigure(r: ExecutionPatternsResult): string {
  const columns = 4;
  const colors = colorsOf(r);
  const baseId = r.order.includes("feed-forward") ? "feed-forward" : r.order[0];
  const panelOf = new Map(
    r.order.map((id, i) => [id, { fx: i % columns, fy: Math.floor(i / columns) }]),
  );
  const q = r.quantiles.q;
  const rows = r.order.flatMap((id) => {
    const panel = panelOf.get(id) as { fx: number; fy: number };
    return q.map((p, i) => ({
      ...panel,
      pattern: r.patterns[id].label,
      ms: r.quantiles.ms[id][i],
      p,
    }));
  });
  const reference = r.order.flatMap((id) => {
    const panel = panelOf.get(id) as { fx: number; fy: number };
    return q.map((p, i) => ({ ...panel, ms: r.quantiles.ms[baseId][i], p }));
  });
  const titles = r.order.map((id) => ({
    ...(panelOf.get(id) as { fx: number; fy: number }),
    pattern: r.patterns[id].label,
  }));
  const xDomain = logDomain([...rows.map((d) => d.ms), r.slo.latencyMs]);
  const rowsCount = Math.ceil(r.order.length / columns);
  return renderPlot({
    title: `Latency CDF per execution pattern; grey: ${r.patterns[baseId].label} (${r.scenario.name} scenario, ${r.strategy})`,
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
        x: () => r.slo.latencyMs,
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
        x: () => r.slo.latencyMs,
        text: () => `SLO ${r.slo.latencyMs} ms`,
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

function qualityPanel(r: ExecutionPatternsResult, metric: QualityMetric): string {
  const width = 600;
  const height = 420;
  const margin = { top: 24, right: 190, bottom: 44, left: 56 };
  const points = r.order.map((id) => ({
    pattern: r.patterns[id].label,
    p99: r.patterns[id].p99,
    value: r.patterns[id][metric],
  }));
  const xDomain = logDomain([...points.map((d) => d.p99), r.slo.latencyMs]);
  const values = points.map((d) => d.value);
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
  const at = points.map((d) => ({ x: x(d.p99), y: y(d.value) }));
  const slots = spreadLabels(
    at.map((p) => p.y),
    { gap: 14, lo: margin.top, hi: height - margin.bottom },
  ).map((slotY) => ({ x: width - margin.right, y: slotY }));
  const slotOf = untangleLeaders(at, slots);
  const labels = points.map((d, i) => ({ ...d, x2: xDomain[1], y2: y.invert(slots[slotOf[i]].y) }));
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
    color: colorsOf(r),
    marks: [
      Plot.frame({ stroke: "#ddd" }),
      Plot.ruleX([r.slo.latencyMs], { stroke: LIMIT_COLOR, strokeDasharray: "5,4" }),
      Plot.text([r.slo.latencyMs], {
        x: (d: number) => d,
        text: () => `SLO ${r.slo.latencyMs} ms`,
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
 * @param r an execution-patterns result
 * @returns a standalone SVG
 * @example tslab.display.html(qualityLatencyFigure(result))
 */
export function qualityLatencyFigure(r: ExecutionPatternsResult): string {
  return panelGrid([qualityPanel(r, "meanRelevance"), qualityPanel(r, "successRate")], {
    title: `Quality against latency per execution pattern (${r.scenario.name} scenario, ${r.strategy})`,
    columns: 2,
  });
}

/**
 * Backend calls per query for every pattern, split into calls that completed and calls
 * cancelled once the query no longer needed them (both loaded a backend), against the one
 * call of feed-forward: the extra load of fan-out and hedging.
 *
 * @param r an execution-patterns result
 * @returns figure markup
 * @example tslab.display.html(callsPerQueryFigure(result))
 */
export function callsPerQueryFigure(r: ExecutionPatternsResult): string {
  const kinds = ["completed", "cancelled"];
  const labels = r.order.map((id) => r.patterns[id].label);
  const rows = r.order.flatMap((id) => {
    const p = r.patterns[id];
    return [
      { pattern: p.label, kind: "completed", calls: p.callsPerQuery - p.cancelledPerQuery },
      { pattern: p.label, kind: "cancelled", calls: p.cancelledPerQuery },
    ];
  });
  const totals = r.order.map((id) => r.patterns[id]);
  const max = Math.max(...totals.map((p) => p.callsPerQuery));
  return renderPlot({
    title: `Backend calls per query by execution pattern (${r.scenario.name} scenario, ${r.strategy})`,
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
