import { formatCount, formatMs, formatPercent, formatRatio } from "../format/number.js";
import { textTable } from "../format/text-table.js";
import { adviceTextLines, outcomeTextLines } from "./format-advice.js";
import type { ProfileAnalysis } from "./profile-analysis.js";
import type { NamedSeriesSummary } from "./profile-report.js";
import type { SeriesSummary } from "./series-stats.js";

const LATENCY_HEAD = ["count", "mean", "p50", "p90", "p95", "p99", "p99.9", "max"];

function latencyCells(s: SeriesSummary): string[] {
  return [
    formatCount(s.count),
    formatMs(s.mean),
    formatMs(s.p50),
    formatMs(s.p90),
    formatMs(s.p95),
    formatMs(s.p99),
    formatMs(s.p999),
    formatMs(s.max),
  ];
}

function seriesTable(title: string, rows: NamedSeriesSummary[]): string[] {
  if (rows.length === 0) return [];
  const table = [
    [title, ...LATENCY_HEAD, "share", "errors", "timeouts"],
    ...rows.map((r) => [
      r.name,
      ...latencyCells(r),
      formatPercent(r.share),
      formatPercent(r.errorRate, 2),
      formatPercent(r.timeoutRate, 2),
    ]),
  ];
  return ["", textTable(table)];
}

/**
 * Renders an analysis as a plain-text report for the terminal: source and timing, latency
 * tables per dimension, success and relevance per backend (× query type), cache and load, then
 * ranked bottlenecks and the verified recommendations (advised, then rejected, then unverified).
 *
 * @param a the analysis (`analyzeProfile`)
 * @returns the report, lines joined with `\n`, no trailing newline
 */
export function formatProfileText(a: ProfileAnalysis): string {
  const r = a.report;
  const out: string[] = [];
  if (a.source !== undefined) {
    const s = a.source;
    out.push(
      `Profile of ${s.label}: ${formatCount(s.rows)} ${s.unit ?? "rows"}${s.skipped > 0 ? `, ${formatCount(s.skipped)} invalid rows skipped` : ""}, in ${(s.elapsedMs / 1000).toFixed(2)} s (${formatCount((s.rows / s.elapsedMs) * 1000)} ${s.unit ?? "rows"}/s)`,
    );
    for (const issue of s.issues) out.push(`  skipped ${issue}`);
    if (s.ignoredColumns.length > 0) out.push(`  ignored columns: ${s.ignoredColumns.join(", ")}`);
    for (const note of s.notes ?? []) out.push(`  ${note}`);
  }
  const t = r.throughput;
  // Without timestamps (and no wall clock) there is no elapsed time to state.
  const throughput =
    t.timeBase === "none"
      ? "– (no timestamps to time the queries)"
      : `${Number.isFinite(t.perSecond) ? t.perSecond.toFixed(1) : "–"} queries/s over ${(t.elapsedMs / 1000).toFixed(1)} s of ${t.timeBase} time`;
  out.push(
    `Throughput: ${throughput}; ${Number.isFinite(r.callsPerQuery) ? r.callsPerQuery.toFixed(2) : "–"} backend calls per query; sketch accuracy ±${formatPercent(r.relativeAccuracy, 0)}`,
  );
  // The objective per query (slo_met in a trace, the SLO in a simulation), when recorded.
  if (Number.isFinite(r.queries.successRate)) {
    out.push(`Query success: ${formatPercent(r.queries.successRate)} of queries`);
  }
  out.push(
    "",
    textTable([
      ["", ...LATENCY_HEAD, "errors", "timeouts"],
      [
        "queries",
        ...latencyCells(r.queries),
        formatPercent(r.queries.errorRate, 2),
        formatPercent(r.queries.timeoutRate, 2),
      ],
      [
        "backend calls",
        ...latencyCells(r.calls),
        formatPercent(r.calls.errorRate, 2),
        formatPercent(r.calls.timeoutRate, 2),
      ],
    ]),
  );
  out.push(...seriesTable("backend", r.backends));
  out.push(...seriesTable("pattern", r.patterns));
  out.push(...seriesTable("query type", r.queryTypes));
  out.push(...seriesTable("operation", r.operations));
  out.push(...outcomeTextLines(a.outcomes));
  out.push("");
  out.push(
    r.cache.lookups > 0
      ? `Cache: ${formatPercent(r.cache.hitRate)} hit rate (${formatCount(r.cache.hits)} hits in ${formatCount(r.cache.lookups)} lookups)`
      : "Cache: no lookups recorded",
  );
  const load = r.backendLoad;
  if (load.targets > 0 && load.total > 0) {
    out.push(
      `Load: busiest ${load.busiest} at ${formatRatio(load.peakToFair)} its fair share; idlest ${load.idlest} with ${formatPercent(load.idlestShare)} of calls (CV ${load.cv.toFixed(2)})`,
    );
  }
  if (r.routing.summary.count > 0) {
    out.push(
      `Routing (${r.routing.operation}): mean ${formatMs(r.routing.summary.mean)}, p99 ${formatMs(r.routing.summary.p99)}, ${formatPercent(r.routing.shareOfLatency, 2)} of latency`,
    );
  }
  if (r.windows.length > 0) {
    out.push(`Windows: ${r.windows.length} of ${formatMs(r.windowMs)} (in the JSON report)`);
  }

  const q = a.sloQuantile === 0.999 ? "p99.9" : `p${Math.round(a.sloQuantile * 100)}`;
  out.push("", `Bottlenecks (SLO ${formatMs(a.sloMs)} at ${q}):`);
  if (a.findings.length === 0) out.push("  none found");
  a.findings.forEach((f, i) => {
    out.push(`  ${i + 1}. [${f.severity}] ${f.message}`);
  });
  out.push("", ...adviceTextLines(a.recommendations, a.advice));
  return out.join("\n");
}
