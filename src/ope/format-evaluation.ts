import type { OpeEstimate } from "./estimate.js";
import type { EvaluationReport } from "./evaluate.js";

/**
 * The evaluation as readable text: one line per estimate with its interval, the
 * diagnostics, and every warning.
 *
 * @param report what `evaluateTrace` returned
 * @returns the text, without a final line break
 * @example console.log(formatEvaluation(await evaluateTrace("t.csv", { policy: "rule-based" })))
 */
export function formatEvaluation(report: EvaluationReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const line = (label: string, e: OpeEstimate | null, note: string) =>
    e === null
      ? `  ${label.padEnd(6)}  —  ${note}`
      : `  ${label.padEnd(6)}  ${pct(e.value).padStart(7)}  [${pct(e.lo)}, ${pct(e.hi)}]  ${note}`;
  const d = report.diagnostics;
  const out = [
    `${report.policy} on ${report.trace}: estimated SLO attainment (95 % intervals, ${report.method === "replay" ? "normal" : report.interval})`,
    `  ${report.decisions.toLocaleString("en-US")} logged decisions${report.secondaryRows > 0 ? ` (${report.secondaryRows.toLocaleString("en-US")} further requests skipped)` : ""}; reward from ${report.reward === "slo_met" ? "slo_met" : "the SLO thresholds"}; the logging policy attained ${pct(d.loggedValue)}`,
  ];
  if (report.replay !== null) {
    const r = report.replay;
    out.push(
      line(
        "replay",
        r,
        `${r.steps.toLocaleString("en-US")} steps of ${r.offered.toLocaleString("en-US")} offered`,
      ),
    );
  } else {
    const none = "needs every decision's propensity";
    out.push(
      line("IPS", report.ips, report.ips ? "inverse propensity scoring" : none),
      line("SNIPS", report.snips, report.snips ? "self-normalised IPS" : none),
      line("DM", report.dm, "direct method: mean reward per query type × backend"),
      line("DR", report.dr, report.dr ? "doubly robust" : none),
    );
    const parts = [
      d.effectiveSampleSize === null
        ? undefined
        : `effective sample size ${d.effectiveSampleSize.toFixed(1)} (max weight ${d.maxWeight?.toFixed(2)}${d.clippedShare === null ? "" : `, ${pct(d.clippedShare)} clipped`})`,
      d.neverTakenShare === null
        ? undefined
        : `never takes ${pct(d.neverTakenShare)} of the logged choices`,
      d.unsupportedShare === null
        ? undefined
        : `${pct(d.unsupportedShare)} of its choices unlogged`,
    ].filter((p) => p !== undefined);
    out.push(`  diagnostics: ${parts.join("; ")}`);
  }
  for (const w of report.warnings) out.push(`warning: ${w}`);
  return out.join("\n");
}
