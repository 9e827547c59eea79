/**
 * Figures of notebook 11, caching and batching. Each builder takes the study's result and
 * returns markup from `renderPlot` (show it with `tslab.display.html`, save it with
 * `saveFigure`). Colours keep ≥ 3:1 contrast on white; legends are drawn inside the SVG.
 */
import { cheHitRate, fifoHitRate, zipfPopularities } from "../../sim/cache/approximations.js";
import type { CachingStudyResult } from "../../studies/caching/result.js";
import { Plot, renderPlot } from "../render.js";
import { inlineLegend } from "./inline-legend.js";

/** Policy colours (contrast on white: 4.8, 4.3, 4.7, 7.7). */
const POLICY_COLORS: Record<string, string> = {
  lru: "#1f77b4",
  lfu: "#238b45",
  fifo: "#c2500a",
  "ttl-lru": "#7b3294",
};
const CHE = "#333333";
const FIFO_APPROX = "#666666";

/**
 * Hit rate against capacity per policy (mean with 95 % interval over repetitions), beside
 * Che's approximation for LRU and the FIFO approximation, both computed for the scenario's
 * Zipf catalogue at 30 capacities between the smallest and largest measured.
 *
 * @param r a caching study result
 * @returns figure markup
 * @example tslab.display.html(cachingHitRateFigure(result))
 */
export function cachingHitRateFigure(r: CachingStudyResult): string {
  const { distinctQueries, zipfExponent } = r.catalogue;
  const p = zipfPopularities(distinctQueries, zipfExponent);
  const lo = Math.max(1, Math.min(...r.plan.capacities));
  const hi = Math.min(distinctQueries - 1, Math.max(...r.plan.capacities));
  const curve = Array.from({ length: 30 }, (_, i) => Math.round(lo * (hi / lo) ** (i / 29)));
  const theory = curve.flatMap((capacity) => [
    { capacity, hitRate: cheHitRate(p, capacity), model: "Che (LRU)" },
    { capacity, hitRate: fifoHitRate(p, capacity), model: "FIFO approximation" },
  ]);
  const points = r.hitRates.map((h) => ({
    policy: h.policy,
    capacity: h.capacity,
    hitRate: h.hitRate.mean,
    lo: h.hitRate.lo,
    hi: h.hitRate.hi,
  }));
  const labels = [...r.plan.policies, "Che (LRU)", "FIFO approximation"];
  const colors = [...r.plan.policies.map((x) => POLICY_COLORS[x] ?? "#555555"), CHE, FIFO_APPROX];
  return renderPlot({
    title: `Cache hit rate against capacity (${distinctQueries.toLocaleString("en-US")} distinct queries, Zipf ${zipfExponent})`,
    subtitle: `${r.plan.strategy}, ${r.plan.rounds.toLocaleString("en-US")} queries × ${r.plan.reps} from a cold cache; lines: the independent reference model's approximations (steady state).`,
    width: 720,
    height: 440,
    marginBottom: 70,
    x: { type: "log", label: "Capacity (entries, log scale)", grid: true, inset: 12 },
    y: { label: "Hit rate", domain: [0, 1], tickFormat: "%", grid: true },
    color: { domain: labels, range: colors },
    marks: [
      Plot.line(
        theory.filter((d) => d.model === "Che (LRU)"),
        { x: "capacity", y: "hitRate", stroke: "model", strokeDasharray: "6,3", strokeWidth: 1.5 },
      ),
      Plot.line(
        theory.filter((d) => d.model !== "Che (LRU)"),
        { x: "capacity", y: "hitRate", stroke: "model", strokeDasharray: "2,3", strokeWidth: 1.5 },
      ),
      Plot.line(points, { x: "capacity", y: "hitRate", stroke: "policy", strokeOpacity: 0.6 }),
      Plot.ruleX(points, { x: "capacity", y1: "lo", y2: "hi", stroke: "policy" }),
      Plot.dot(points, { x: "capacity", y: "hitRate", fill: "policy", r: 3.5 }),
      ...inlineLegend(labels, { frameAnchor: "bottom-left", dy: 45 }),
    ],
  });
}

/**
 * SLO attainment without the cache and with each policy at the scenario's capacity (mean with
 * 95 % interval over repetitions).
 *
 * @param r a caching study result
 * @returns figure markup
 * @example tslab.display.html(cachingSloFigure(result))
 */
export function cachingSloFigure(r: CachingStudyResult): string {
  const w = r.withWithout;
  const slo = [
    { config: w.without.label, ...pick(w.without.sloAttainment), color: CHE },
    ...r.staleness.map((s) => ({
      config: `${s.policy} ${s.capacity}`,
      ...pick(s.sloAttainment),
      color: POLICY_COLORS[s.policy] ?? "#555555",
    })),
  ];
  return renderPlot({
    title: "SLO attainment (relevant and on time) without and with the cache",
    subtitle: `Capacity ${r.baseCache.capacity.toLocaleString("en-US")} per policy; mean with 95 % interval over ${r.plan.reps} repetitions.`,
    width: 720,
    height: 260,
    marginLeft: 90,
    x: { label: "SLO attainment", tickFormat: "%", grid: true, inset: 24 },
    y: { label: "Configuration", domain: slo.map((s) => s.config) },
    marks: [
      Plot.ruleY(slo, { y: "config", x1: "lo", x2: "hi", stroke: "color", strokeWidth: 2 }),
      Plot.dot(slo, { y: "config", x: "mean", fill: "color", r: 4 }),
      Plot.text(slo, {
        y: "config",
        x: "mean",
        text: (d: { mean: number }) => `${(d.mean * 100).toFixed(1)} %`,
        dy: -10,
        fontSize: 11,
      }),
    ],
  });
}

/**
 * Latency p50, mean and p99 without and with the scenario's cache (means over repetitions).
 *
 * @param r a caching study result
 * @returns figure markup
 * @example tslab.display.html(cachingLatencyFigure(result))
 */
export function cachingLatencyFigure(r: CachingStudyResult): string {
  const w = r.withWithout;
  const latency = [w.without, w.with].flatMap((o) => [
    { config: o.label, metric: "p50", ms: o.latencyP50Ms.mean },
    { config: o.label, metric: "mean", ms: o.latencyMeanMs.mean },
    { config: o.label, metric: "p99", ms: o.latencyP99Ms.mean },
  ]);
  return renderPlot({
    title: "Query latency without and with the cache",
    subtitle: "Means over repetitions (log scale).",
    width: 720,
    height: 240,
    marginLeft: 90,
    // Room on both sides for the labels centred on the outermost dots.
    x: { type: "log", label: "Latency (ms, log scale)", grid: true, inset: 50 },
    y: { label: "Configuration", domain: [w.without.label, w.with.label] },
    marks: [
      Plot.dot(latency, { y: "config", x: "ms", fill: "#1f77b4", r: 4 }),
      // The mean sits between p50 and p99, often close to one: its label goes below.
      ...[
        { keep: (m: string) => m !== "mean", dy: -10 },
        { keep: (m: string) => m === "mean", dy: 16 },
      ].map(({ keep, dy }) =>
        Plot.text(
          latency.filter((d) => keep(d.metric)),
          {
            y: "config",
            x: "ms",
            text: (d: { metric: string; ms: number }) =>
              `${d.metric} ${Number(d.ms.toPrecision(3))} ms`,
            dy,
            fontSize: 11,
          },
        ),
      ),
    ],
  });
}

function pick(e: { mean: number; lo: number; hi: number }) {
  return {
    mean: e.mean,
    lo: Number.isFinite(e.lo) ? e.lo : e.mean,
    hi: Number.isFinite(e.hi) ? e.hi : e.mean,
  };
}
