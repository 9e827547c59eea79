import { formatEstimate } from "../../format/estimate.js";
import { markdownTable } from "../../format/markdown-table.js";
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

/**
 * The recommended settings as a markdown table: the best prior on the stationary scenario and
 * the best forgetting on the drifting one, each with its regret (95 % interval), its paired
 * difference from the old Beta(1, 1)-without-forgetting router, its bootstrap probability of
 * being best and how many other settings could not be told apart from it.
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
    const vs = summary.sensitivity.bestVsBaseline;
    rows.push([
      where,
      `\`${id}\``,
      `Beta(${fmt(p.alpha, 3)}, ${fmt(p.beta, 3)})`,
      forget,
      intervalText(summary.best.regret),
      intervalText(summary.best.successRate, true),
      vs === null ? "—" : intervalText(vs),
      summary.best.pBest.toFixed(2),
      String(summary.best.indistinguishable.length),
    ]);
  };
  const h = input.heatmap;
  const hBest = h.summary.cells.find((c) => c.id === h.summary.best.id) as {
    setting: PriorSetting;
  };
  add(
    `stationary (\`${h.scenario}\`, ${h.reps} reps × ${h.rounds} queries)`,
    h.summary,
    hBest.setting,
    h.summary.best.id,
  );
  const f = input.forgetting;
  const fBest = f.settings.find((s) => s.id === f.summary.best.id) as ForgettingSettingResult;
  add(
    `drifting (\`${f.scenario}\`, ${f.reps} reps × ${f.rounds} queries)`,
    f.summary,
    fBest.setting,
    fBest.id,
  );
  const header = [
    "scenario",
    "best setting",
    "prior",
    "forgetting",
    "regret [95 % CI]",
    "success rate [95 % CI]",
    "vs Beta(1, 1), no forgetting (paired)",
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
