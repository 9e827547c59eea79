/** Notebook 04, scaling: its markdown tables (the study itself is the bench's `runScalingStudy`). */

import type { ScalingResult } from "../../bench/scaling.js";
import { markdownTable } from "../../format/markdown-table.js";

/**
 * The per-size table: total time, throughput (wall and CPU), ns per query, peak RSS, heap and
 * the cold run's time in a fresh process.
 *
 * @param r a scaling result
 * @returns markdown ending with a newline
 * @example tslab.display.markdown(scalingSizesMarkdown(result))
 */
export function scalingSizesMarkdown(r: ScalingResult): string {
  const count = (x: number) => Math.round(x).toLocaleString("en-US");
  const mib = (b: number) => (b / 2 ** 20).toFixed(1);
  const ms = (x: number) => (x >= 100 ? count(x) : x.toPrecision(3));
  const head = [
    "queries",
    "total time (ms, warm)",
    "queries/s (wall, median)",
    "min–max",
    "queries/s (CPU)",
    "ns/query (CPU)",
    "peak RSS (MiB)",
    "heap after (MiB)",
    "fresh-process time (ms)",
  ];
  const rows = r.sizes.map((s) => [
    count(s.queries),
    ms(s.totalMs),
    count(s.queriesPerSecond.median),
    `${count(s.queriesPerSecond.min)}–${count(s.queriesPerSecond.max)}`,
    count(s.cpuQueriesPerSecond.median),
    count(s.nsPerQuery),
    mib(s.peakRssBytes.median),
    mib(s.heapUsedBytes.median),
    ms(s.coldWallMs.median),
  ]);
  return `${markdownTable([head, ...rows], { align: "right" })}\n`;
}

/**
 * The worker-thread table: wall time and throughput on 1 and 2 workers, the speed-up, whether
 * the results were identical, the machine's ceiling for the same work (two independent
 * processes) and the share of it the pool reached, against its target (≥ 90 %).
 *
 * @param r a scaling result
 * @returns markdown ending with a newline
 */
export function scalingWorkersMarkdown(r: ScalingResult): string {
  const count = (x: number) => Math.round(x).toLocaleString("en-US");
  const w = r.workers;
  const rows = w.rows.map((row) => [
    String(row.workers),
    `${count(row.wallMs.median)} (${count(row.wallMs.min)}–${count(row.wallMs.max)})`,
    count(row.queriesPerSecond),
    row.workers === 1 ? "1.00×" : `${w.speedup.toFixed(2)}×`,
    row.workers === 1 ? "" : w.identical ? "yes" : "**no**",
    row.workers === 1 ? "1.00×" : `${w.processSpeedup.toFixed(2)}×`,
    row.workers === 1 ? "" : `${(100 * w.efficiency).toFixed(0)} %`,
    row.workers === 1
      ? ""
      : `≥ ${(100 * w.target).toFixed(0)} % of the ceiling: ${w.meetsTarget ? "met" : "not met"}`,
  ]);
  const head = [
    "workers",
    "wall time, ms (median, min–max)",
    "queries/s",
    "speed-up",
    "identical results",
    "same work in 2 processes (machine ceiling)",
    "speed-up ÷ ceiling",
    "target",
  ];
  const align = ["right", "right", "right", "right", "left", "right", "right", "left"] as const;
  return `${markdownTable([head, ...rows], { align })}\n`;
}
