import { formatEstimate } from "../format/estimate.js";
import { textTable } from "../format/text-table.js";
import type { Estimate } from "../stats/estimate.js";
import type { PriorSweepReport } from "./run-sweep.js";

const num = (x: number, digits = 4) => (Number.isInteger(x) ? String(x) : x.toPrecision(digits));

function interval(i: Estimate, percent = false): string {
  const f = (x: number) => (percent ? `${(x * 100).toFixed(2)}%` : num(x));
  return formatEstimate(i, f);
}

/**
 * A readable report of a prior sweep: the cells ranked by regret with 95 % intervals, the best
 * setting and its uncertainty, and the sensitivity of regret to each swept parameter.
 *
 * @param report a finished sweep
 * @returns the text, lines joined with `\n`
 * @example console.log(formatSweepReport(report))
 */
export function formatSweepReport(report: PriorSweepReport): string {
  const s = report.summary;
  const lines: string[] = [];
  lines.push(
    `prior sweep on ${report.scenario}: ${s.cells.length} settings × ${report.reps} reps × ${report.rounds} queries (${report.pattern}, seed ${report.seed})`,
  );
  lines.push(`grid: ${report.grid}`);
  lines.push("");
  const ranked = s.cells.slice().sort((a, b) => a.regret.mean - b.regret.mean);
  lines.push(
    textTable(
      [
        ["rank", "setting", "regret (95% CI)", "success (95% CI)", "P(best)"],
        ...ranked.map((c, i) => [
          String(i + 1),
          c.id,
          interval(c.regret),
          interval(c.successRate, true),
          c.baseline ? "(baseline)" : c.pBest.toFixed(3),
        ]),
      ],
      { align: ["right", "left", "left", "left", "left"], rule: false },
    ),
  );
  lines.push("");
  lines.push(
    `best: ${s.best.id} — regret ${interval(s.best.regret)}, success ${interval(s.best.successRate, true)}, P(best) ${s.best.pBest.toFixed(3)} (${s.bootstrap} paired bootstrap resamples)`,
  );
  lines.push(
    s.best.indistinguishable.length === 0
      ? "  every other setting is worse (paired 95% intervals exclude 0)"
      : `  not distinguishable from it (paired 95% interval includes 0): ${s.best.indistinguishable.join("; ")}`,
  );
  if (s.sensitivity.bestVsBaseline !== null) {
    lines.push(
      `  against the Beta(1, 1), no-forgetting baseline: regret ${interval(s.sensitivity.bestVsBaseline)} (paired, best − baseline)`,
    );
  }
  lines.push("");
  const spread = s.sensitivity.regretSpread;
  lines.push(
    `sensitivity: worst setting has ${num(spread.absolute)} more regret than the best (${(spread.relative * 100).toFixed(1)}%)`,
  );
  const dims = s.sensitivity.dimensions.slice().sort((a, b) => b.share - a.share);
  const mainEffects = dims.reduce((sum, d) => sum + d.share, 0);
  for (const d of dims) {
    const levels = d.levels.map((l) => `${l.value}: ${num(l.regret)}`).join(", ");
    lines.push(
      `  ${d.key.padEnd(22)} explains ${(d.share * 100).toFixed(1).padStart(5)}% of between-setting variance; range ${num(d.regretRange)} (mean regret by value: ${levels})`,
    );
  }
  if (dims.length > 1) {
    lines.push(
      `  the remaining ${(Math.max(0, 1 - mainEffects) * 100).toFixed(1)}% is interaction between parameters (and noise)`,
    );
  }
  return lines.join("\n");
}
