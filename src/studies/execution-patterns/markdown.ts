/** Notebook 03, execution patterns: its markdown tables. */
import { markdownTable as gfmTable } from "../../format/markdown-table.js";
import { formatMs, formatPercent } from "../../format/number.js";
import type { ExecutionPatternsResult } from "./result.js";

/**
 * A markdown table of every pattern: latency percentiles, quality and the calls it makes.
 *
 * @param r an execution-patterns result
 * @returns markdown ending with a newline
 * @example tslab.display.markdown(patternTableMarkdown(result))
 */
export function patternTableMarkdown(r: ExecutionPatternsResult): string {
  const head = [
    "pattern",
    "p50",
    "p90",
    "p99",
    "p99.9",
    "mean relevance",
    "success",
    "SLO attainment",
    "calls/query",
    "cancelled/query",
  ];
  const rows = r.order.map((id) => {
    const p = r.patterns[id];
    return [
      `${p.label} (\`${p.pattern}\`)`,
      formatMs(p.p50),
      formatMs(p.p90),
      formatMs(p.p99),
      formatMs(p.p999),
      p.meanRelevance.toFixed(3),
      formatPercent(p.successRate),
      formatPercent(p.sloAttainment),
      p.callsPerQuery.toFixed(3),
      p.cancelledPerQuery.toFixed(3),
    ];
  });
  return markdownTable(head, rows);
}

/**
 * A markdown table of the two Tail at Scale checks: each claim, what it predicts here, what
 * the simulation measured and by how many standard errors they differ.
 *
 * @param r an execution-patterns result
 * @returns markdown ending with a newline
 * @example tslab.display.markdown(tailAtScaleMarkdown(result))
 */
export function tailAtScaleMarkdown(r: ExecutionPatternsResult): string {
  const head = ["claim", "predicted", "measured", "binomial s.e.", "also measured"];
  const rows: string[][] = [];
  const h = r.tailAtScale.hedging;
  if (h !== null) {
    rows.push([
      `a backup after the p${fmtQ(h.quantile)} costs ≈ ${formatPercent(1 - h.quantile, 0)} extra calls`,
      formatPercent(h.predictedExtraCalls, 2),
      formatPercent(h.measuredExtraCalls, 2),
      formatPercent(h.standardError, 2),
      `p99 ${formatMs(h.p99.baseline)} → ${formatMs(h.p99.hedged)}, p99.9 ${formatMs(h.p999.baseline)} → ${formatMs(h.p999.hedged)}`,
    ]);
  }
  const f = r.tailAtScale.fanOut;
  if (f !== null) {
    const per = Object.entries(f.backendSlowFraction)
      .map(([id, p]) => `${id} ${formatPercent(p, 2)}`)
      .join(", ");
    rows.push([
      `waiting for all ${f.fanout.toFixed(0)} backends, a query is slow (> ${f.thresholdMs} ms) with probability 1 − Π(1 − p_b), p_b: ${per}`,
      formatPercent(f.predicted, 2),
      formatPercent(f.measured, 2),
      formatPercent(f.standardError, 2),
      `from the run's own p_b: ${formatPercent(f.predictedFromBackends, 2)}; one request per query: ${formatPercent(f.baselineSlowFraction, 2)}`,
    ]);
  }
  if (rows.length === 0) {
    return "No check: the study ran without its feed-forward, hedged-p95 and parallel-all cases.\n";
  }
  return markdownTable(head, rows);
}

function fmtQ(q: number): string {
  return String(Number((q * 100).toPrecision(4)));
}

function markdownTable(head: string[], rows: string[][]): string {
  const align = head.map((_, i) => (i === 0 ? "left" : "right") as "left" | "right");
  return `${gfmTable([head, ...rows], { align })}\n`;
}
