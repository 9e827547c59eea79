/** Notebook 10's tables. */
import { formatPercent } from "../../format/number.js";
import type { OpeStudyResult } from "./result.js";

/**
 * The study's three markdown tables.
 *
 * @param result from {@link runOpeStudy}
 * @returns markdown: estimates against the truth, clipping, deterministic logging
 */
export function formatOpeStudy(result: OpeStudyResult): string {
  const n = result.plan.traces;
  const lines = [
    `**Uniform logging** (${n} traces of ${result.plan.decisions.toLocaleString("en-US")} decisions): mean estimate, intervals covering the on-policy value, mean width.`,
    "",
    "| policy | on-policy | IPS | SNIPS | DM | DR | ESS |",
    "|---|---|---|---|---|---|---|",
    ...result.uniform.map((row) => {
      const cell = (k: string) => {
        const e = row.estimators[k];
        return e
          ? `${formatPercent(e.mean)} (${e.covered}/${n}, ±${formatPercent(e.width / 2)})`
          : "—";
      };
      return `| ${row.policy} | ${formatPercent(row.truth)} | ${cell("ips")} | ${cell("snips")} | ${cell("dm")} | ${cell("dr")} | ${row.effectiveSampleSize.toFixed(0)} |`;
    }),
    "",
    `**Weight clipping** (traces logged by ε-greedy, ε = 0.1; target rule-based, on-policy ${formatPercent(result.clipping.truth)}): mean, sd across traces, RMSE.`,
    "",
    "| clip | IPS mean | IPS sd | IPS RMSE | DR mean | DR sd | DR RMSE |",
    "|---|---|---|---|---|---|---|",
    ...result.clipping.rows.map(
      (r) =>
        `| ${Number.isFinite(r.clip) ? r.clip : "none"} | ${formatPercent(r.ips.mean)} | ${formatPercent(r.ips.sd)} | ${formatPercent(r.ips.rmse)} | ${formatPercent(r.dr.mean)} | ${formatPercent(r.dr.sd)} | ${formatPercent(r.dr.rmse)} |`,
    ),
    "",
    "**Deterministic logging** (one trace logged by rule-based, every propensity 1):",
    "",
    "| policy | on-policy | from the log |",
    "|---|---|---|",
    ...result.deterministic.map(
      (r) => `| ${r.policy} | ${formatPercent(r.truth)} | ${r.outcome} |`,
    ),
  ];
  return lines.join("\n");
}
