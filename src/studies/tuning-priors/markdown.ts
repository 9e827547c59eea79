import { formatEstimate } from "../../format/estimate.js";
import { markdownTable } from "../../format/markdown-table.js";
import { formatLevel } from "../../format/number.js";
/** Notebook 06: its markdown tables. */
import type { Estimate } from "../../stats/estimate.js";
import { betaPrior, type PriorSetting } from "../../tuning/prior-setting.js";
import type { PriorSweepReport } from "../../tuning/run-sweep.js";
import type { SweepSummary } from "../../tuning/summarise-sweep.js";
import { type ForgettingSettingResult, type ForgettingStudy, forgettingOf } from "./forgetting.js";

const fmt = (x: number, digits = 4): string =>
  Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(digits)));

function intervalText(i: Estimate, percent = false): string {
  const f = (x: number) => (percent ? `${(x * 100).toFixed(2)} %` : fmt(x));
  return formatEstimate(i, f);
}

/** Points of SLO attainment, signed: 0.0123 → "+1.23". */
const points = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(2)}`;

/**
 * The sweeps' verdicts as a markdown table: on the stationary scenario (priors) and the
 * drifting one (forgetting), the advised setting, or the leader by SLO attainment labelled
 * "not shown better", with its SLO attainment (95 % interval), its paired difference from the
 * old Beta(1, 1)-without-forgetting router (Holm-corrected over the settings tried), its
 * regret, its bootstrap probability of being best and how many other settings could not be
 * told apart from it. Only an `advised` row is advice (issue 14).
 *
 * @param input the prior sweep report and the forgetting study
 * @returns markdown
 * @example tslab.display.markdown(recommendedPriorsMarkdown({ heatmap: report, forgetting }))
 */
export function recommendedPriorsMarkdown(input: {
  heatmap: PriorSweepReport;
  forgetting: ForgettingStudy;
}): string {
  const rows: string[][] = [];
  const add = (where: string, summary: SweepSummary, setting: PriorSetting, id: string) => {
    const p = betaPrior(setting.strength, setting.mean);
    const f = forgettingOf(setting);
    const forget =
      f.kind === "none"
        ? "none"
        : f.kind === "discount"
          ? `discount γ = ${f.value} (memory ≈ ${fmt(f.memory as number, 3)} outcomes)`
          : `window of ${f.value} outcomes`;
    const a = summary.advice;
    const cell = summary.cells.find((c) => c.id === id) as SweepSummary["cells"][number];
    const vs = a.effect?.sloAttainment.diff;
    rows.push([
      where,
      a.verdict === "advised"
        ? "**advised**"
        : a.verdict === "no-baseline"
          ? "no baseline: not advised"
          : "not shown better than Beta(1, 1): not advised",
      `\`${id}\``,
      `Beta(${fmt(p.alpha, 3)}, ${fmt(p.beta, 3)})`,
      forget,
      intervalText(cell.sloAttainment, true),
      vs === undefined || a.confidence === null
        ? "—"
        : `${formatEstimate(vs, points)} points (${formatLevel(a.confidence)}, ${a.tested} settings)`,
      intervalText(cell.regret),
      id === summary.best.id ? summary.best.pBest.toFixed(2) : cell.pBest.toFixed(2),
      id === summary.best.id ? String(summary.best.indistinguishable.length) : "—",
    ]);
  };
  const h = input.heatmap;
  const hShown = h.summary.cells.find((c) => c.id === h.summary.advice.id) as {
    setting: PriorSetting;
  };
  add(
    `stationary (\`${h.scenario}\`, ${h.reps} reps × ${h.rounds} queries)`,
    h.summary,
    hShown.setting,
    h.summary.advice.id,
  );
  const f = input.forgetting;
  const fShown = f.settings.find((s) => s.id === f.summary.advice.id) as ForgettingSettingResult;
  add(
    `drifting (\`${f.scenario}\`, ${f.reps} reps × ${f.rounds} queries)`,
    f.summary,
    fShown.setting,
    fShown.id,
  );
  const header = [
    "scenario",
    "verdict",
    "setting",
    "prior",
    "forgetting",
    "SLO attainment [95 % CI]",
    "vs Beta(1, 1), no forgetting (paired, Holm)",
    "regret [95 % CI]",
    "P(best)",
    "settings tied with it",
  ];
  return markdownTable([header, ...rows]);
}

/**
 * How much each swept parameter matters, as a markdown table: its main effect's share of the
 * between-setting variance of regret (η²), the range of its mean regret over its values, and
 * the share left to interactions and noise.
 *
 * @param report a finished sweep
 * @returns markdown
 * @example tslab.display.markdown(priorSensitivityMarkdown(report))
 */
export function priorSensitivityMarkdown(report: PriorSweepReport): string {
  const s = report.summary.sensitivity;
  const rows = [
    [
      "parameter",
      "share of between-setting variance",
      "regret range over its values",
      "mean regret by value",
    ],
  ];
  let explained = 0;
  for (const d of s.dimensions) {
    explained += d.share;
    const levels = d.levels.map((l) => `${l.value}: ${fmt(l.regret, 3)}`).join(", ");
    rows.push([d.key, `${(d.share * 100).toFixed(1)} %`, fmt(d.regretRange, 3), levels]);
  }
  rows.push([
    "interaction and noise",
    `${(Math.max(0, 1 - explained) * 100).toFixed(1)} %`,
    "—",
    "—",
  ]);
  const lines = [markdownTable(rows)];
  lines.push(
    "",
    `Worst setting minus best: ${fmt(s.regretSpread.absolute, 3)} regret (${(s.regretSpread.relative * 100).toFixed(0)} % of the best).`,
  );
  return lines.join("\n");
}
