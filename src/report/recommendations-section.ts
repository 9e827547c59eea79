/**
 * The summary's Recommendations section: the profiler study's verified advice. Only advised
 * recommendations are listed as advice, by horizon; the rejected ones follow under "Considered
 * and rejected" with their numbers. Every number is read from the results file.
 */
import type { Horizon } from "../profiling/advice-types.js";
import { REJECTION_TEXT } from "../profiling/format-advice.js";
import type { EffectEstimate } from "../profiling/index.js";
import type { ProfilerStudyResult } from "../studies/index.js";
import type { Cell, ReportBuilder } from "./document.js";
import type { ValueFormat } from "./format.js";
import { type ResultSource, sourced as v } from "./sourced.js";

const HORIZONS: readonly { horizon: Horizon; heading: string }[] = [
  { horizon: "immediate", heading: "Immediate" },
  { horizon: "medium-term", heading: "Medium-term" },
  { horizon: "long-term", heading: "Long-term" },
];

const n = (digits = 0): ValueFormat => ({ kind: "number", digits });
const pct: ValueFormat = { kind: "percent" };
const points: ValueFormat = { kind: "points" };
const text: ValueFormat = { kind: "text" };
/** A confidence level: as many decimals as it needs, up to two (98.8 %, 99.55 %). */
const level = (c: number | null): ValueFormat => ({
  kind: "percent",
  digits: c !== null && c > 0.995 ? 2 : 1,
});

type Effect = (x: ProfilerStudyResult) => EffectEstimate | undefined;

/**
 * `SLO attainment a → b, gain +d points (L % interval lo to hi); calls/query c → c'`, every
 * number read through `get`.
 */
function effectPieces(
  p: ResultSource<ProfilerStudyResult>,
  effect: { slo: Effect; calls: Effect },
  confidence: { value: number | null; get: (x: ProfilerStudyResult) => number | null } | null,
  word: string,
): Cell[] {
  const { slo, calls } = effect;
  return [
    "SLO attainment ",
    v(p, (x) => slo(x)?.before, pct),
    " → ",
    v(p, (x) => slo(x)?.after, pct),
    `, ${word} `,
    v(p, (x) => slo(x)?.diff.mean, points),
    " points (",
    ...(confidence === null ? ["95 %"] : [v(p, confidence.get, level(confidence.value))]),
    " interval ",
    v(p, (x) => slo(x)?.diff.lo, points),
    " to ",
    v(p, (x) => slo(x)?.diff.hi, points),
    "); calls/query ",
    v(p, (x) => calls(x)?.before, n(3)),
    " → ",
    v(p, (x) => calls(x)?.after, n(3)),
  ];
}

/**
 * Appends the Recommendations section to a report.
 *
 * @param r the report being built
 * @param p the profiler study's results file
 * @returns the builder
 */
export function recommendationsSection(
  r: ReportBuilder,
  p: ResultSource<ProfilerStudyResult>,
): ReportBuilder {
  const recs = p.data.recommendations;
  r.heading(2, "Recommendations");
  r.paragraph(
    "Every change the profiler proposed for scenario `",
    v(p, (x) => x.scenario.name, text),
    "` was re-simulated on ",
    v(p, (x) => x.advice.settings.basis, text),
    " with common random numbers: ",
    v(p, (x) => x.advice.settings.reps, n()),
    " paired repetitions × ",
    v(p, (x) => x.advice.settings.rounds, n()),
    " queries from seed ",
    v(p, (x) => x.advice.settings.seed, n()),
    ". A query meets the SLO when the answer its pattern returns is relevant (≥ ",
    v(p, (x) => x.slo.minRelevance, n(2)),
    ") and on time (≤ ",
    v(p, (x) => x.slo.latencyMs, n()),
    " ms). A change is advised only when SLO attainment rises with a Holm-corrected interval above 0 (",
    v(p, (x) => x.advice.settings.tested, n()),
    " candidates tested, family-wise α = ",
    v(p, (x) => x.advice.settings.alpha, n(2)),
    ") and calls per query rise by at most ",
    v(p, (x) => x.advice.settings.callsBudget, { kind: "percent", digits: 0 }),
    "; only advised changes get a horizon. Unchanged, SLO attainment is ",
    v(p, (x) => x.advice.baseline.sloAttainment.mean, pct),
    " at ",
    v(p, (x) => x.advice.baseline.callsPerQuery.mean, n(3)),
    " calls/query.",
  );

  for (const { horizon, heading } of HORIZONS) {
    r.heading(3, heading);
    const items: Cell[][] = [];
    recs.forEach((rec, i) => {
      if (rec.verdict !== "advised" || rec.horizon !== horizon) return;
      items.push([
        "**",
        v(p, (x) => x.recommendations[i].title, text),
        "** (",
        v(p, (x) => x.recommendations[i].severity, text),
        "): ",
        ...effectPieces(
          p,
          {
            slo: (x) => x.recommendations[i].effect?.sloAttainment,
            calls: (x) => x.recommendations[i].effect?.callsPerQuery,
          },
          { value: rec.confidence, get: (x) => x.recommendations[i].confidence },
          "gain",
        ),
        ". Horizon: ",
        v(p, (x) => x.recommendations[i].horizonReason, text),
        ".",
      ]);
    });
    if (items.length === 0) r.paragraph("None advised.");
    else r.bullets(items);
  }

  const combined = p.data.advice.combined;
  if (combined !== null) {
    r.heading(3, "All advised changes together");
    r.paragraph(
      "Re-simulated with ",
      ...combined.changes.flatMap((_, k): Cell[] => [
        ...(k === 0 ? [] : ["; "]),
        v(p, (x) => x.advice.combined?.changes[k], text),
      ]),
      ": ",
      ...effectPieces(
        p,
        {
          slo: (x) => x.advice.combined?.effect.sloAttainment,
          calls: (x) => x.advice.combined?.effect.callsPerQuery,
        },
        null,
        "gain",
      ),
      ".",
    );
  }

  r.heading(3, "Considered and rejected");
  const rejected: Cell[][] = [];
  recs.forEach((rec, i) => {
    if (rec.verdict !== "rejected") return;
    rejected.push([
      "**",
      v(p, (x) => x.recommendations[i].title, text),
      "**: ",
      ...effectPieces(
        p,
        {
          slo: (x) => x.recommendations[i].effect?.sloAttainment,
          calls: (x) => x.recommendations[i].effect?.callsPerQuery,
        },
        { value: rec.confidence, get: (x) => x.recommendations[i].confidence },
        "change",
      ),
      ". Rejected: ",
      rec.rejection === null ? "see the profiler's report" : REJECTION_TEXT[rec.rejection],
      ".",
    ]);
  });
  if (rejected.length === 0) r.paragraph("None.");
  else r.bullets(rejected);

  if (recs.some((rec) => rec.verdict === "unverified")) {
    r.heading(3, "Not verified");
    const open: Cell[][] = [];
    recs.forEach((rec, i) => {
      if (rec.verdict !== "unverified") return;
      open.push([
        "**",
        v(p, (x) => x.recommendations[i].title, text),
        "**: ",
        v(p, (x) => x.recommendations[i].reason, text),
        ".",
      ]);
    });
    r.bullets(open);
  }
  return r;
}
