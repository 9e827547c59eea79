import { markdownTable } from "../format/markdown-table.js";
import { formatCount, formatMs, formatPercent } from "../format/number.js";
import { adviceMarkdownLines, outcomeMarkdownLines } from "./format-advice.js";
import type { ProfileAnalysis } from "./profile-analysis.js";
import type { NamedSeriesSummary } from "./profile-report.js";

/** Options for {@link formatProfileMarkdown}. */
export interface MarkdownOptions {
  /** Level of the section headings (`###` = 3). Default 3. */
  headingLevel?: number;
}

/** A markdown table; numeric columns (all but the first, unless `leftAligned`) align right. */
function table(head: string[], rows: string[][], leftAligned = false): string {
  const align = head.map((_, i) => (i === 0 || leftAligned ? "left" : "right") as "left" | "right");
  return markdownTable([head, ...rows], { align });
}

function seriesRows(rows: NamedSeriesSummary[]): string[][] {
  return rows.map((r) => [
    `\`${r.name}\``,
    formatCount(r.count),
    formatPercent(r.share),
    formatMs(r.mean),
    formatMs(r.p50),
    formatMs(r.p95),
    formatMs(r.p99),
    formatMs(r.p999),
    formatPercent(r.errorRate + r.timeoutRate, 2),
  ]);
}

const SERIES_HEAD = ["", "count", "share", "mean", "p50", "p95", "p99", "p99.9", "failed"];

/**
 * Renders an analysis as markdown sections for `results/PERFORMANCE_SUMMARY.md`: latency
 * tables, success and relevance, bottlenecks and the verified recommendations. Every number
 * comes from the analysis passed in.
 *
 * @param a the analysis (`analyzeProfile`)
 * @param options heading level
 * @returns markdown text ending with a newline
 */
export function formatProfileMarkdown(a: ProfileAnalysis, options: MarkdownOptions = {}): string {
  const h = "#".repeat(options.headingLevel ?? 3);
  const r = a.report;
  const out: string[] = [];
  out.push(`${h} Latency profile`, "");
  if (a.source !== undefined) {
    out.push(
      `Source: ${a.source.label}, ${formatCount(a.source.rows)} ${a.source.unit ?? "rows"}${a.source.skipped > 0 ? ` (${formatCount(a.source.skipped)} invalid rows skipped)` : ""}, profiled in ${(a.source.elapsedMs / 1000).toFixed(2)} s.`,
      "",
    );
    for (const note of a.source.notes ?? []) out.push(`- ${note}`);
    if ((a.source.notes ?? []).length > 0) out.push("");
  }
  out.push(
    `Percentiles from DDSketch (relative error ≤ ${formatPercent(r.relativeAccuracy, 0)}); throughput ${r.throughput.timeBase === "none" ? "unknown (no timestamps)" : `${Number.isFinite(r.throughput.perSecond) ? r.throughput.perSecond.toFixed(1) : "–"} queries/s (${r.throughput.timeBase} time)`}; ${Number.isFinite(r.callsPerQuery) ? r.callsPerQuery.toFixed(2) : "–"} backend calls per query; cache hit rate ${formatPercent(r.cache.hitRate)}.`,
    "",
  );
  const all: NamedSeriesSummary = { name: "all queries", share: 1, ...r.queries };
  out.push(table(SERIES_HEAD, seriesRows([all])), "");
  for (const [title, rows] of [
    ["backend", r.backends],
    ["pattern", r.patterns],
    ["query type", r.queryTypes],
    ["operation", r.operations],
  ] as const) {
    if (rows.length === 0) continue;
    out.push(table([title, ...SERIES_HEAD.slice(1)], seriesRows(rows)), "");
  }
  out.push(...outcomeMarkdownLines(a.outcomes));
  const q = a.sloQuantile === 0.999 ? "p99.9" : `p${Math.round(a.sloQuantile * 100)}`;
  out.push(`${h} Bottlenecks`, "", `Judged against a ${formatMs(a.sloMs)} SLO at ${q}.`, "");
  if (a.findings.length === 0) out.push("None found.", "");
  else {
    out.push(
      table(
        ["#", "severity", "rule", "finding"],
        a.findings.map((f, i) => [String(i + 1), f.severity, `\`${f.rule}\``, f.message]),
        true,
      ),
      "",
    );
  }
  out.push(...adviceMarkdownLines(a.recommendations, a.advice, h));
  return `${out.join("\n")}\n`;
}
