/**
 * Figures of notebook 04, scaling. Each builder takes the study's result and returns markup
 * from `renderPlot` (show it with `tslab.display.html`, save it with `saveFigure`). Lines are
 * labelled at their ends: saved SVGs drop Plot's HTML legends.
 */
import type { ScalingResult } from "../../bench/scaling.js";
import { Plot, renderPlot } from "../render.js";
import {
  FIT_COLOR as FIT,
  LIMIT_COLOR,
  MEASURED_COLOR as MEASURED,
  MODEL_COLOR as MODEL,
  REFERENCE_COLOR as REFERENCE,
} from "./palette.js";

/** 1e6 → "10⁶"; other values in compact form. */
function power(x: number): string {
  const e = Math.log10(x);
  if (Math.abs(e - Math.round(e)) < 1e-9) {
    const sup = "⁰¹²³⁴⁵⁶⁷⁸⁹";
    return `10${String(Math.round(e))
      .split("")
      .map((d) => sup[Number(d)])
      .join("")}`;
  }
  return compact(x);
}

/** 2,310,000 → "2.31M", 41,670 → "41.7k", 50,000 → "50k", 0.3 → "0.3". */
function compact(x: number): string {
  if (x >= 1e6) return `${Number((x / 1e6).toPrecision(3))}M`;
  if (x >= 1e3) return `${Number((x / 1e3).toPrecision(3))}k`;
  return String(Number(x.toPrecision(3)));
}

/** n points spaced evenly in log10 between a and b. */
function logSpace(a: number, b: number, n: number): number[] {
  const la = Math.log10(a);
  const lb = Math.log10(b);
  return Array.from({ length: n }, (_, i) => 10 ** (la + ((lb - la) * i) / (n - 1)));
}

/**
 * Total simulation time against the number of queries, log-log: the measured medians (with
 * min–max whiskers over runs), the fitted power law over the large sizes with its slope, the
 * fixed-plus-linear model over every size, and a slope-1 (linear) reference through the
 * largest size.
 *
 * @param r a scaling result
 * @returns figure markup
 * @example tslab.display.html(scalingTimeFigure(result))
 */
export function scalingTimeFigure(r: ScalingResult): string {
  const pts = r.sizes.map((s) => ({
    n: s.queries,
    ms: s.totalMs,
    lo: (s.queries * 1000) / s.queriesPerSecond.max,
    hi: (s.queries * 1000) / s.queriesPerSecond.min,
  }));
  const first = pts[0].n;
  const last = pts[pts.length - 1];
  const fit = r.time.fit;
  const fitAt = (n: number) => 10 ** (fit.intercept + fit.slope * Math.log10(n));
  const fitLine = logSpace(fit.from, fit.to, 20).map((n) => ({ n, ms: fitAt(n) }));
  const modelAt = (n: number) => r.time.fixedMs + (r.time.perQueryNs * n) / 1e6;
  const model = logSpace(first, last.n, 60)
    .map((n) => ({ n, ms: modelAt(n) }))
    .filter((d) => d.ms > 0);
  const referenceAt = (n: number) => (last.ms * n) / last.n;
  const reference = [first, last.n].map((n) => ({ n, ms: referenceAt(n) }));
  const yMin = Math.min(...pts.map((p) => p.lo)) / 2;
  const yMax = Math.max(...pts.map((p) => p.hi)) * 2;
  // Line labels at fixed places along each line, clear of the measured points' labels.
  // Between the measured sizes (at a decade boundary it would sit on a point's label).
  const mid = 10 ** (Math.log10(first) + 0.62 * (Math.log10(last.n) - Math.log10(first)));
  const nearFirst = first * Math.sqrt(10);
  const labels: {
    n: number;
    ms: number;
    text: string;
    color: string;
    dx: number;
    dy: number;
    anchor: "start" | "end";
  }[] = [
    {
      n: fit.from,
      ms: fitAt(fit.from),
      text: `fit over n ≥ ${power(fit.from)}: slope ${fit.slope.toFixed(2)}`,
      color: FIT,
      dx: -8,
      dy: -14,
      anchor: "end",
    },
    {
      n: mid,
      ms: referenceAt(mid),
      text: "slope 1 (linear)",
      color: REFERENCE,
      dx: 6,
      dy: 14,
      anchor: "start",
    },
  ];
  if (modelAt(nearFirst) > 0) {
    labels.push({
      n: nearFirst,
      ms: modelAt(nearFirst),
      text: `model: ${r.time.fixedMs.toPrecision(2)} ms + ${Math.round(r.time.perQueryNs).toLocaleString("en-US")} ns × queries`,
      color: MODEL,
      dx: 0,
      dy: 16,
      anchor: "start",
    });
  }
  return renderPlot({
    title: `Total simulation time against queries (${r.strategy}, ${r.scenario} scenario, log-log)`,
    subtitle: `Warm in-process runs, median with min–max. Slope over every size: ${r.time.fitAllSizes.slope.toFixed(2)}.`,
    width: 720,
    height: 420,
    marginRight: 70,
    x: {
      type: "log",
      label: "simulated queries per run (log scale) →",
      grid: true,
      tickFormat: power,
    },
    y: {
      type: "log",
      domain: [yMin, yMax],
      label: "↑ total time per run (ms, log scale)",
      grid: true,
      tickFormat: compact,
    },
    marks: [
      Plot.line(reference, {
        x: "n",
        y: "ms",
        stroke: REFERENCE,
        strokeDasharray: "2,3",
        clip: true,
      }),
      Plot.line(model, { x: "n", y: "ms", stroke: MODEL, strokeWidth: 1.2, clip: true }),
      Plot.line(fitLine, { x: "n", y: "ms", stroke: FIT, strokeWidth: 2, strokeDasharray: "6,3" }),
      Plot.ruleX(pts, { x: "n", y1: "lo", y2: "hi", stroke: MEASURED }),
      Plot.dot(pts, { x: "n", y: "ms", fill: MEASURED, r: 4 }),
      Plot.text(pts, {
        x: "n",
        y: "ms",
        text: (d: { ms: number }) => `${compact(d.ms)} ms`,
        dx: 8,
        dy: 12,
        textAnchor: "start",
        fill: MEASURED,
        fontSize: 10,
      }),
      ...labels.map((l) =>
        Plot.text([l], {
          x: "n",
          y: "ms",
          text: "text",
          fill: l.color,
          dx: l.dx,
          dy: l.dy,
          textAnchor: l.anchor,
          fontSize: 11,
        }),
      ),
    ],
  });
}

/**
 * Simulated queries per second against the number of queries, log-log: warm runs per wall
 * second (min–max whiskers) and per CPU second, and the cold run in a fresh process (JIT
 * warm-up included). Flat lines mean constant cost per query.
 *
 * @param r a scaling result
 * @returns figure markup
 */
export function scalingThroughputFigure(r: ScalingResult): string {
  const series = [
    { name: "warm, per wall second", color: MEASURED },
    { name: "warm, per CPU second", color: FIT },
    { name: "fresh process (cold)", color: MODEL },
  ];
  const rows = r.sizes.flatMap((s) => [
    {
      n: s.queries,
      qps: s.queriesPerSecond.median,
      lo: s.queriesPerSecond.min,
      hi: s.queriesPerSecond.max,
      series: series[0].name,
    },
    {
      n: s.queries,
      qps: s.cpuQueriesPerSecond.median,
      lo: s.cpuQueriesPerSecond.min,
      hi: s.cpuQueriesPerSecond.max,
      series: series[1].name,
    },
    {
      n: s.queries,
      qps: (s.queries * 1000) / s.coldWallMs.median,
      lo: (s.queries * 1000) / s.coldWallMs.max,
      hi: (s.queries * 1000) / s.coldWallMs.min,
      series: series[2].name,
    },
  ]);
  return renderPlot({
    title: `Simulated queries per second against queries per run (${r.strategy}, log-log)`,
    subtitle:
      "Medians with min–max whiskers. Rising at the left: a fixed cost per run (and JIT warm-up in a fresh process).",
    width: 720,
    height: 400,
    marginRight: 160,
    x: {
      type: "log",
      label: "simulated queries per run (log scale) →",
      grid: true,
      tickFormat: power,
    },
    y: {
      type: "log",
      label: "↑ simulated queries per second (log scale)",
      grid: true,
      tickFormat: compact,
    },
    color: { domain: series.map((s) => s.name), range: series.map((s) => s.color) },
    marks: [
      Plot.ruleX(rows, { x: "n", y1: "lo", y2: "hi", stroke: "series", strokeOpacity: 0.6 }),
      ...series.map((s, i) =>
        Plot.line(
          rows.filter((d) => d.series === s.name),
          {
            x: "n",
            y: "qps",
            stroke: s.color,
            strokeWidth: 1.5,
            strokeDasharray: i === 1 ? "5,3" : "none",
          },
        ),
      ),
      Plot.dot(rows, { x: "n", y: "qps", fill: "series", r: 3 }),
      // One label per line at its last point; wall and CPU can coincide, so they are nudged
      // apart vertically.
      ...series.map((s, i) =>
        Plot.text(
          rows.filter((d) => d.series === s.name),
          Plot.selectLast({
            x: "n",
            y: "qps",
            text: "series",
            fill: s.color,
            dx: 8,
            dy: i === 0 ? -7 : i === 1 ? 7 : 0,
            textAnchor: "start",
            fontSize: 11,
          }),
        ),
      ),
    ],
  });
}

/**
 * Peak resident set size and the V8 heap after the run against the number of queries,
 * log-log, each size in fresh processes: flat lines mean memory does not grow with traffic.
 *
 * @param r a scaling result
 * @returns figure markup
 */
export function scalingMemoryFigure(r: ScalingResult): string {
  const mib = 2 ** 20;
  const series = [
    { name: "peak RSS", color: MEASURED },
    { name: "heap after run", color: FIT },
  ];
  const rows = r.sizes.flatMap((s) => [
    {
      n: s.queries,
      mib: s.peakRssBytes.median / mib,
      lo: s.peakRssBytes.min / mib,
      hi: s.peakRssBytes.max / mib,
      series: series[0].name,
    },
    {
      n: s.queries,
      mib: s.heapUsedBytes.median / mib,
      lo: s.heapUsedBytes.min / mib,
      hi: s.heapUsedBytes.max / mib,
      series: series[1].name,
    },
  ]);
  const top = Math.max(...rows.map((d) => d.hi));
  const bottom = Math.min(...rows.map((d) => d.lo));
  return renderPlot({
    title: `Memory against queries per run (${r.strategy}, fresh process per run, log-log)`,
    subtitle: `Median of ${r.sizes[0].memoryRuns} run(s) per size. Peak RSS slope: ${r.memory.fit.slope.toFixed(3)} (0 is flat); largest/smallest: ${r.memory.ratio.toFixed(2)}×.`,
    width: 720,
    height: 380,
    marginRight: 170,
    x: {
      type: "log",
      label: "simulated queries per run (log scale) →",
      grid: true,
      tickFormat: power,
    },
    y: {
      type: "log",
      // At least a decade either way, so flat lines look flat rather than noise blown up.
      domain: [Math.min(bottom, top / 10) / 2, top * 2],
      label: "↑ memory (MiB, log scale)",
      grid: true,
      tickFormat: compact,
    },
    color: { domain: series.map((s) => s.name), range: series.map((s) => s.color) },
    marks: [
      Plot.ruleX(rows, { x: "n", y1: "lo", y2: "hi", stroke: "series", strokeOpacity: 0.6 }),
      Plot.line(rows, { x: "n", y: "mib", stroke: "series", strokeWidth: 1.5 }),
      Plot.dot(rows, { x: "n", y: "mib", fill: "series", r: 3 }),
      Plot.text(
        rows,
        Plot.selectLast({
          x: "n",
          y: "mib",
          z: "series",
          text: (d: { series: string; mib: number }) => `${d.series} ${d.mib.toFixed(0)} MiB`,
          fill: "series",
          dx: 8,
          textAnchor: "start",
          fontSize: 11,
        }),
      ),
    ],
  });
}

/**
 * Simulation throughput on 1 and 2 worker threads (the same repetitions, on a warm pool),
 * with min–max whiskers over runs, a tick at the ideal (linear) speed-up and one at
 * the machine's ceiling for the same work (independent processes).
 *
 * @param r a scaling result
 * @returns figure markup
 */
export function scalingWorkersFigure(r: ScalingResult): string {
  const w = r.workers;
  const base = w.rows[0].queriesPerSecond;
  const rows = w.rows
    .map((row) => ({
      workers: `${row.workers} worker${row.workers === 1 ? "" : "s"}`,
      qps: row.queriesPerSecond,
      lo: (w.queries * 1000) / row.wallMs.max,
      hi: (w.queries * 1000) / row.wallMs.min,
      ideal: base * row.workers,
      ceiling: row.workers === 1 ? base : base * w.processSpeedup,
      text: `${compact(row.queriesPerSecond)}/s (${(row.queriesPerSecond / base).toFixed(2)}×)`,
    }))
    // The value goes right of the whisker and of both ticks, whichever reaches furthest.
    .map((d) => ({ ...d, labelAt: Math.max(d.hi, d.ideal, d.ceiling) }));
  // A tick's label on the 2-worker row: above the bar to the right of the tick (side 1) or
  // below it to the left (side −1), so the two labels clear each other however close the
  // ticks are, and clear the value.
  const tickLabel = (x: "ideal" | "ceiling", text: string, side: 1 | -1, fill = "currentColor") =>
    Plot.text(rows.slice(1), {
      x,
      y: "workers",
      text: () => text,
      dx: 4 * side,
      dy: -30 * side,
      textAnchor: side > 0 ? "start" : "end",
      fontSize: 10,
      fill,
    });
  return renderPlot({
    title: `Simulation throughput by worker threads (${r.strategy}, ${w.reps} repetitions × ${compact(w.rounds)} queries)`,
    subtitle: `Median of ${w.runs} run(s), min–max whiskers; dashed tick: ideal linear speed-up; red tick: this machine's ceiling (the same work in two independent processes, ${w.processSpeedup.toFixed(2)}×). Results identical across worker counts: ${w.identical ? "yes" : "NO"}. ${r.machine.cpus} CPUs.`,
    width: 720,
    height: 220,
    marginLeft: 80,
    marginRight: 40,
    x: {
      // Room on the right for the labels.
      domain: [0, Math.max(...rows.map((d) => d.labelAt)) * 1.35],
      label: "simulated queries per second (wall clock, warm pool) →",
      grid: true,
      tickFormat: compact,
    },
    y: { label: "worker threads", domain: rows.map((d) => d.workers) },
    marks: [
      Plot.barX(rows, { x: "qps", y: "workers", fill: MEASURED, insetTop: 11, insetBottom: 11 }),
      Plot.ruleY(rows, { y: "workers", x1: "lo", x2: "hi", stroke: "black", strokeWidth: 1.5 }),
      Plot.tickX(rows, {
        x: "ideal",
        y: "workers",
        stroke: "black",
        strokeWidth: 2,
        strokeDasharray: "3,2",
      }),
      Plot.tickX(rows, { x: "ceiling", y: "workers", stroke: LIMIT_COLOR, strokeWidth: 2 }),
      Plot.text(rows, {
        x: "labelAt",
        y: "workers",
        text: "text",
        dx: 6,
        textAnchor: "start",
        fontSize: 11,
      }),
      tickLabel("ideal", "ideal (linear)", 1),
      tickLabel("ceiling", "machine ceiling (2 processes)", -1, LIMIT_COLOR),
      Plot.ruleX([0]),
    ],
  });
}
