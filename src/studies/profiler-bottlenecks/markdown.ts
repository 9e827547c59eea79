/** Notebook 05, profiler bottlenecks: its markdown table. */

import { formatWhatIfMetric } from "../../analysis/what-if.js";
import { markdownTable } from "../../format/markdown-table.js";
import { formatMs, formatPercent } from "../../format/number.js";
import type { WhatIfMetrics } from "../../profiling/what-if-types.js";
import type { ProfilerStudyResult } from "./result.js";

const CLAIM_LABEL: Partial<Record<keyof WhatIfMetrics, string>> = {
  errorRate: "failed requests",
  sloAttainment: "SLO attainment",
  peakToFair: "load peak/fair",
  callsPerQuery: "calls/query",
  p999: "p99.9",
};

/**
 * A markdown table of a study's recommendations: verdict, horizon, and the what-if's claimed
 * metric, p99, SLO attainment and calls per query before → after.
 *
 * @param r a profiler study result
 * @returns markdown ending with a newline (`None.` when there are no recommendations)
 * @example tslab.display.markdown(profilerRecommendationsMarkdown(result))
 */
export function profilerRecommendationsMarkdown(r: ProfilerStudyResult): string {
  if (r.recommendations.length === 0) return "None.\n";
  const arrow = (a: string, b: string) => `${a} → ${b}`;
  const head = [
    "#",
    "recommendation",
    "verdict",
    "horizon",
    "claimed metric",
    "p99",
    "SLO attainment",
    "calls/query",
  ];
  const rows = r.recommendations.map((rec) => {
    const w = rec.whatIf;
    return [
      String(rec.rank),
      `${rec.title} (${rec.severity})`,
      rec.recommended ? rec.verdict : `${rec.verdict}: not recommended`,
      rec.horizon,
      w === null
        ? "–"
        : `${CLAIM_LABEL[w.claim.metric] ?? w.claim.metric} ${arrow(formatWhatIfMetric(w.claim.metric, w.claim.before, 1), formatWhatIfMetric(w.claim.metric, w.claim.after, 1))}`,
      w === null ? "–" : arrow(formatMs(w.before.p99), formatMs(w.after.p99)),
      w === null
        ? "–"
        : arrow(formatPercent(w.before.sloAttainment), formatPercent(w.after.sloAttainment)),
      w === null ? "–" : arrow(w.before.callsPerQuery.toFixed(3), w.after.callsPerQuery.toFixed(3)),
    ];
  });
  const align = head.map((_, i) => (i === 0 ? "right" : "left") as "left" | "right");
  return `${markdownTable([head, ...rows], { align })}\n`;
}
