/** Notebook 05, profiler bottlenecks: its verified advice as markdown. */
import { formatLevel, formatPercent } from "../../format/number.js";
import type { EffectEstimate, Horizon } from "../../profiling/advice-types.js";
import { formatPoints, REJECTION_TEXT } from "../../profiling/format-advice.js";
import type { ProfilerStudyResult, StudyRecommendation } from "./result.js";

const HORIZONS: readonly Horizon[] = ["immediate", "medium-term", "long-term"];

const row = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;
const arrow = (e: EffectEstimate, f: (x: number) => string) => `${f(e.before)} → ${f(e.after)}`;
const slo = (e: EffectEstimate) => arrow(e, (x) => formatPercent(x));
const calls = (e: EffectEstimate) => arrow(e, (x) => x.toFixed(3));

/** `+2.1 (98.8 %: +1.9 to +2.4)`: the paired difference in points and its interval. */
function diff(e: EffectEstimate, confidence: number): string {
  const d = e.diff;
  return `${formatPoints(d.mean)} (${formatLevel(confidence)}: ${formatPoints(d.lo)} to ${formatPoints(d.hi)})`;
}

/** A recommendation's name: title and severity. */
const name = (r: StudyRecommendation) => `${r.title} (${r.severity})`;

/**
 * The study's verified advice in markdown: the advised recommendations by horizon with their
 * paired effect on SLO attainment and calls per query, all advised changes together, then
 * "Considered and rejected" with the same numbers and the check that failed, then those that
 * could not be verified, with why.
 *
 * @param r a profiler study result
 * @returns markdown ending with a newline (`None.` when there are no recommendations)
 * @example tslab.display.markdown(profilerRecommendationsMarkdown(result))
 */
export function profilerRecommendationsMarkdown(r: ProfilerStudyResult): string {
  if (r.recommendations.length === 0) return "None.\n";
  const s = r.advice.settings;
  const out: string[] = [];
  const advised = HORIZONS.flatMap((h) =>
    r.recommendations.filter((x) => x.verdict === "advised" && x.horizon === h),
  );
  const rejected = r.recommendations.filter((x) => x.verdict === "rejected");
  const open = r.recommendations.filter((x) => x.verdict === "unverified");

  out.push(
    `**Advised**: SLO attainment rose with a Holm-corrected interval above 0 (${s.tested} candidates, α = ${s.alpha}) and calls per query rose by at most +${formatPercent(s.callsBudget, 0)}; ${s.reps} paired repetitions × ${s.rounds.toLocaleString("en-US")} queries.`,
    "",
  );
  if (advised.length === 0) {
    out.push("None: no candidate raised SLO attainment beyond chance within the budget.", "");
  } else {
    out.push(
      row(["horizon", "recommendation", "change", "SLO attainment", "gain, points", "calls/query"]),
      row(["---", "---", "---", "---", "---", "---"]),
      ...advised.map((x) => {
        const e = x.effect;
        return row([
          x.horizon ?? "–",
          name(x),
          x.change ?? "–",
          e === null ? "–" : slo(e.sloAttainment),
          e === null ? "–" : diff(e.sloAttainment, x.confidence ?? 0.95),
          e === null ? "–" : calls(e.callsPerQuery),
        ]);
      }),
      "",
    );
  }
  const c = r.advice.combined;
  if (c !== null) {
    out.push(
      `**All advised changes together** (${c.changes.join("; ")}): SLO attainment ${slo(c.effect.sloAttainment)}, gain in points ${diff(c.effect.sloAttainment, 0.95)}; calls/query ${calls(c.effect.callsPerQuery)}.`,
      "",
    );
  }
  if (rejected.length > 0) {
    out.push(
      "**Considered and rejected**",
      "",
      row(["recommendation", "change", "SLO attainment", "change, points", "calls/query", "why"]),
      row(["---", "---", "---", "---", "---", "---"]),
      ...rejected.map((x) => {
        const e = x.effect;
        return row([
          name(x),
          x.change ?? "–",
          e === null ? "–" : slo(e.sloAttainment),
          e === null ? "–" : diff(e.sloAttainment, x.confidence ?? 0.95),
          e === null ? "–" : calls(e.callsPerQuery),
          x.rejection === null ? x.reason : REJECTION_TEXT[x.rejection],
        ]);
      }),
      "",
    );
  }
  if (open.length > 0) {
    out.push("**Not verified**", "", ...open.map((x) => `- ${name(x)}: ${x.reason}.`), "");
  }
  return `${out.join("\n").trimEnd()}\n`;
}
