import { formatEstimate } from "../format/estimate.js";
import { formatLevel } from "../format/number.js";
import { textTable } from "../format/text-table.js";
import type { Estimate } from "../stats/estimate.js";
import type { PriorSweepReport } from "./run-sweep.js";

const num = (x: number, digits = 4) => (Number.isInteger(x) ? String(x) : x.toPrecision(digits));

function interval(i: Estimate, percent = false): string {
  const f = (x: number) => (percent ? `${(x * 100).toFixed(2)}%` : num(x));
  return formatEstimate(i, f);
}

/** Points of SLO attainment, signed: 0.0123 → "+1.23". */
const points = (x: number) =>
  Number.isFinite(x) ? `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(2)}` : "–";

/** A paired difference in points with its interval, e.g. `+1.23 [+0.40, +2.06] points`. */
function pointsInterval(d: Estimate): string {
  return `${formatEstimate(d, points)} points`;
}

/** The verdict lines: what to ship, or why nothing is advised. */
function verdictLines(report: PriorSweepReport): string[] {
  const s = report.summary;
  const a = s.advice;
  const lead = s.best;
  const slo = a.effect?.sloAttainment;
  const level =
    a.confidence === null
      ? ""
      : ` (paired ${formatLevel(a.confidence)} interval, Holm over ${a.tested} settings; adjusted p = ${a.adjustedPValue === null ? "–" : a.adjustedPValue.toPrecision(2)})`;
  const leader = `${lead.id}: SLO attainment ${interval(lead.sloAttainment, true)}`;
  switch (a.verdict) {
    case "advised":
      return [
        `verdict: ADVISED ${a.id} — SLO attainment ${interval(s.cells.find((c) => c.id === a.id)!.sloAttainment, true)}, ${pointsInterval(slo!.diff)} against Beta(1, 1) without forgetting (${(slo!.before * 100).toFixed(2)}%)${level}`,
        ...(a.shownBetter.length > 1
          ? [`  also shown better than Beta(1, 1): ${a.shownBetter.slice(1).join("; ")}`]
          : []),
        ...(lead.id !== a.id
          ? [
              `  the leader by mean, ${leader}, was not shown better than Beta(1, 1) after the correction`,
            ]
          : []),
      ];
    case "no-baseline":
      return [
        "verdict: NO BASELINE — the sweep ran without the Beta(1, 1), no-forgetting baseline (--no-baseline): there is nothing to confirm against, so no setting is advised",
        `  leader (not confirmed): ${leader}`,
      ];
    default:
      return [
        "verdict: NOT SHOWN BETTER — no setting was shown better than Beta(1, 1) without forgetting; keep the default prior",
        lead.id === a.baseline
          ? `  Beta(1, 1) itself leads (${leader}); the best other setting, ${a.id}, has ${slo ? pointsInterval(slo.diff) : "–"}${level}`
          : `  leader, not shown better than Beta(1, 1): ${leader}, ${slo ? pointsInterval(slo.diff) : "–"} against it${level}`,
        a.confidence === null || a.pValue === null || Number.isNaN(a.pValue)
          ? `  ${a.reason}`
          : "  to confirm a smaller gain, rerun with more --reps: the interval narrows as 1/√reps",
      ];
  }
}

/**
 * A readable report of a prior sweep for an engineer deciding whether to ship priors: the
 * verdict first (a setting is advised only when its SLO attainment beats Beta(1, 1) without
 * forgetting by a Holm-corrected paired interval above 0), then the settings ranked by SLO
 * attainment with 95 % intervals, the leader's uncertainty, and the sensitivity of regret to
 * each swept parameter.
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
  lines.push(
    "objective: SLO attainment, the share of queries answered relevantly and on time (higher is better); [lo, hi] are 95% intervals over repetitions; differences are paired (repetition r of every setting sees the same traffic)",
  );
  lines.push("");
  lines.push(...verdictLines(report));
  lines.push("");
  const ranked = s.cells
    .slice()
    .sort((a, b) => b.sloAttainment.mean - a.sloAttainment.mean || a.regret.mean - b.regret.mean);
  lines.push(
    textTable(
      [
        [
          "rank",
          "setting",
          "SLO attainment (95% CI)",
          "regret (95% CI)",
          "success (95% CI)",
          "P(best)",
        ],
        ...ranked.map((c, i) => [
          String(i + 1),
          c.baseline
            ? "Beta(1, 1) baseline"
            : c.id === s.advice.baseline
              ? `${c.id} (Beta(1, 1) baseline)`
              : c.id,
          interval(c.sloAttainment, true),
          interval(c.regret),
          interval(c.successRate, true),
          c.baseline ? "–" : c.pBest.toFixed(3),
        ]),
      ],
      { align: ["right", "left", "left", "left", "left", "left"], rule: false },
    ),
  );
  lines.push("");
  lines.push(
    `leader: ${s.best.id} — P(best) ${s.best.pBest.toFixed(3)} over ${s.bootstrap} paired bootstrap resamples`,
  );
  lines.push(
    s.best.indistinguishable.length === 0
      ? "  every other setting has lower SLO attainment (paired 95% intervals exclude 0)"
      : `  not distinguishable from it (paired 95% interval includes 0): ${s.best.indistinguishable.join("; ")}`,
  );
  lines.push("");
  const spread = s.sensitivity.regretSpread;
  lines.push(
    `regret sensitivity (the bandit's learning cost, not the objective): the setting with the most regret has ${num(spread.absolute)} more than the one with the least (${(spread.relative * 100).toFixed(1)}%)`,
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
