import { formatCount, formatMs, formatPercent } from "../format/number.js";
import type { ProfileAnalysis } from "./profile-analysis.js";
import type { NamedSeriesSummary } from "./profile-report.js";
import type { WhatIfMetrics } from "./what-if-types.js";

/** Options for {@link formatProfileMarkdown}. */
export interface MarkdownOptions {
  /** Level of the section headings (`###` = 3). Default 3. */
  headingLevel?: number;
}

/** A markdown table; numeric columns (all but the first, unless `leftAligned`) align right. */
function table(head: string[], rows: string[][], leftAligned = false): string {
  const right = head.map((_, i) => (i === 0 || leftAligned ? "---" : "---:"));
  return [head, right, ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
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
 * tables, bottlenecks, recommendations and what-if results. Every number comes from the
 * analysis passed in.
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
  out.push(`${h} Recommendations`, "");
  if (a.recommendations.length === 0) out.push("None.", "");
  a.recommendations.forEach((rec, i) => {
    const w = a.whatIf.find((x) => x.recommendationId === rec.id);
    out.push(`${i + 1}. **${rec.title}** (${rec.severity}). ${rec.detail}`);
    if (w !== undefined) {
      out.push(
        `   *What-if (re-simulated):* ${w.summary}${w.improved ? "." : ", no improvement."}${w.tradeOff === undefined ? "" : ` Trade-off: ${w.tradeOff}.`}`,
      );
    }
  });
  if (a.whatIf.length > 0) {
    out.push(
      "",
      table(
        ["change", "p50", "p99", "p99.9", "failed", "calls/query", "SLO met"],
        a.whatIf.flatMap((w) => [
          whatIfRow(`before (${w.change})`, w.before),
          whatIfRow(`after (${w.change})`, w.after),
        ]),
      ),
    );
  }
  return `${out.join("\n")}\n`;
}

/** One row of the what-if table: a run's latency quantiles, failures, load and SLO attainment. */
function whatIfRow(label: string, m: WhatIfMetrics): string[] {
  return [
    label,
    formatMs(m.p50),
    formatMs(m.p99),
    formatMs(m.p999),
    formatPercent(m.errorRate, 2),
    m.callsPerQuery.toFixed(3),
    formatPercent(m.sloAttainment),
  ];
}
