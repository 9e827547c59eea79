import { markdownTable } from "../format/markdown-table.js";
import { formatCount, formatLevel, formatPercent } from "../format/number.js";
import { textTable } from "../format/text-table.js";
import type {
  AdviceVerification,
  EffectEstimate,
  RecommendationEffect,
  Rejection,
  VerifiedRecommendation,
} from "./advice-types.js";
import type { OutcomeTable } from "./outcome-table.js";

/** Why a recommendation was rejected, in words without numbers (reports add their own). */
export const REJECTION_TEXT: Readonly<Record<Rejection, string>> = {
  "only-relevant-backend":
    "it would leave a query type without a backend that answers it relevantly",
  "no-gain": "the interval of the SLO attainment change does not lie above 0",
  "over-budget": "calls per query rise beyond the budget",
};

/**
 * A difference of fractions in percentage points with a sign.
 *
 * @param x a difference, e.g. 0.008
 * @returns e.g. `+0.8` or `−2.3`; `–` when not finite
 */
export function formatPoints(x: number): string {
  if (!Number.isFinite(x)) return "–";
  const v = (Math.abs(x) * 100).toFixed(1);
  return x >= 0 ? `+${v}` : `−${v}`;
}

/**
 * One line on SLO attainment before and after a change.
 *
 * @param e the paired estimate
 * @param confidence the confidence of `e.diff`'s interval
 * @returns e.g. `SLO attainment 90.2 % → 91.0 % (+0.8 points; 99.2 % interval +0.3 to +1.3, above 0)`
 */
export function describeSloEffect(e: EffectEstimate, confidence: number): string {
  const d = e.diff;
  const level = formatLevel(confidence);
  const where = d.lo > 0 ? "above 0" : d.hi < 0 ? "below 0" : "includes 0";
  const interval = Number.isFinite(d.lo)
    ? `; ${level} interval ${formatPoints(d.lo)} to ${formatPoints(d.hi)}, ${where}`
    : "";
  return `SLO attainment ${formatPercent(e.before)} → ${formatPercent(e.after)} (${formatPoints(d.mean)} points${interval})`;
}

/**
 * One line on calls per query before and after a change.
 *
 * @param e the paired estimate
 * @param budget the allowed relative rise, when there is one
 * @returns e.g. `calls/query 1.000 → 1.049 (+4.9 %; budget +10 %)`
 */
export function describeCallsEffect(e: EffectEstimate, budget?: number): string {
  const rise = e.after / e.before - 1;
  const sign = rise >= 0 ? "+" : "−";
  const b = budget === undefined ? "" : `; budget +${formatPercent(budget, 0)}`;
  return `calls/query ${e.before.toFixed(3)} → ${e.after.toFixed(3)} (${sign}${formatPercent(Math.abs(rise))}${b})`;
}

/** One line on an effect: SLO attainment (95 %) and calls per query. */
function effectLine(e: RecommendationEffect): string {
  return `${describeSloEffect(e.sloAttainment, 0.95)}; ${describeCallsEffect(e.callsPerQuery)}`;
}

/** How the advice was verified, in one sentence. */
function verificationSentence(v: AdviceVerification): string {
  const s = v.settings;
  const base = `Verified against SLO attainment on ${s.basis}: ${s.reps} paired repetitions × ${formatCount(s.rounds)} queries (common random numbers from seed ${s.seed}), Holm-corrected over ${s.tested} candidate${s.tested === 1 ? "" : "s"} at α = ${s.alpha}, calls budget +${formatPercent(s.callsBudget, 0)}.`;
  const b = v.baseline;
  const baseline = ` Unchanged: SLO attainment ${formatPercent(b.sloAttainment.mean)}, ${b.callsPerQuery.mean.toFixed(3)} calls/query.`;
  const f = s.fitted;
  const fitted =
    f === undefined
      ? ""
      : ` Advice was verified on a model fitted to the trace, not on the traced system: its worst percentile error (p${f.percentiles.join("/p")} per backend, fitted model replaying the trace's routing mix against the trace) is ${formatPercent(f.worstPercentileError)} (${f.worstAt}).`;
  return base + baseline + fitted;
}

const titleOf = (r: VerifiedRecommendation) => `${r.title} [${r.severity}]`;

/**
 * The recommendations section of the text report: advised first (with horizon and numbers),
 * the combined effect, then "Considered and rejected" and "Not verified", one line of reasons
 * each.
 *
 * @param recs the verified recommendations
 * @param v how they were verified, when they were
 * @returns lines, without a trailing empty line
 */
export function adviceTextLines(
  recs: readonly VerifiedRecommendation[],
  v: AdviceVerification | undefined,
): string[] {
  const out: string[] = [];
  const advised = recs.filter((r) => r.verdict === "advised");
  const rejected = recs.filter((r) => r.verdict === "rejected");
  const open = recs.filter((r) => r.verdict === "unverified");
  out.push("Recommendations:");
  if (v !== undefined) out.push(`  ${verificationSentence(v)}`);
  for (const note of v?.notes ?? []) out.push(`  ${note}`);
  if (recs.length === 0) {
    out.push("  none");
    return out;
  }
  out.push("", "Advised:");
  if (advised.length === 0)
    out.push("  none: no candidate raised SLO attainment beyond chance within the budget");
  advised.forEach((r, i) => {
    out.push(`  ${i + 1}. [${r.horizon}] ${titleOf(r)}`);
    out.push(`     ${r.detail}`);
    out.push(`     ${r.reason}`);
  });
  const c = v?.combined;
  if (c !== undefined) {
    out.push("", `All advised changes together (${c.changes.join("; ")}): ${effectLine(c.effect)}`);
  }
  if (rejected.length > 0) {
    out.push("", "Considered and rejected:");
    for (const r of rejected) out.push(`  - ${r.title}: ${r.reason}`);
  }
  if (open.length > 0) {
    out.push("", "Not verified:");
    for (const r of open) out.push(`  - ${r.title}: ${r.reason}`);
  }
  return out;
}

/**
 * The recommendations section in markdown (same content as {@link adviceTextLines}).
 *
 * @param recs the verified recommendations
 * @param v how they were verified, when they were
 * @param h the heading prefix, e.g. `###`
 * @returns lines
 */
export function adviceMarkdownLines(
  recs: readonly VerifiedRecommendation[],
  v: AdviceVerification | undefined,
  h: string,
): string[] {
  const out: string[] = [`${h} Recommendations`, ""];
  if (v !== undefined) out.push(verificationSentence(v), "");
  for (const note of v?.notes ?? []) out.push(note, "");
  if (recs.length === 0) return [...out, "None.", ""];
  const advised = recs.filter((r) => r.verdict === "advised");
  const rejected = recs.filter((r) => r.verdict === "rejected");
  const open = recs.filter((r) => r.verdict === "unverified");
  out.push("**Advised**", "");
  if (advised.length === 0)
    out.push("None: no candidate raised SLO attainment beyond chance within the budget.");
  advised.forEach((r, i) => {
    out.push(
      `${i + 1}. **${r.title}** (${r.horizon}; ${r.severity}). ${r.detail} *Re-simulated:* ${r.reason}.`,
    );
  });
  out.push("");
  const c = v?.combined;
  if (c !== undefined) {
    out.push(
      `All advised changes together (${c.changes.join("; ")}): ${effectLine(c.effect)}.`,
      "",
    );
  }
  if (rejected.length > 0) {
    out.push("**Considered and rejected**", "");
    for (const r of rejected) out.push(`- ${r.title}: ${r.reason}.`);
    out.push("");
  }
  if (open.length > 0) {
    out.push("**Not verified**", "");
    for (const r of open) out.push(`- ${r.title}: ${r.reason}.`);
    out.push("");
  }
  return out;
}

const pct = (x: number) => formatPercent(x);
const rel = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : "–");

/**
 * Success and mean relevance per backend and per backend × query type, as text tables.
 *
 * @param t the outcome table
 * @returns lines (empty when the data have neither relevance nor success)
 */
export function outcomeTextLines(t: OutcomeTable | undefined): string[] {
  if (t === undefined || !t.backends.some((b) => b.known > 0)) return [];
  const out = [
    "",
    `Success (a relevant answer: relevance ≥ ${t.minRelevance}, not failed) and mean relevance:`,
    "",
    textTable([
      ["backend", "calls", "success", "mean relevance"],
      ...t.backends.map((b) => [
        b.backend,
        formatCount(b.calls),
        pct(b.successRate),
        rel(b.meanRelevance),
      ]),
    ]),
  ];
  if (t.hasQueryTypes && t.cells.length > 0) {
    out.push(
      "",
      textTable([
        ["backend", "query type", "calls", "share of type", "success", "mean relevance"],
        ...t.cells.map((c) => [
          c.backend,
          c.queryType ?? "",
          formatCount(c.calls),
          pct(c.share),
          pct(c.successRate),
          rel(c.meanRelevance),
        ]),
      ]),
    );
  }
  return out;
}

/**
 * The same tables as {@link outcomeTextLines}, in markdown.
 *
 * @param t the outcome table
 * @returns lines (empty when the data have neither relevance nor success)
 */
export function outcomeMarkdownLines(t: OutcomeTable | undefined): string[] {
  if (t === undefined || !t.backends.some((b) => b.known > 0)) return [];
  const out = [
    `Success (a relevant answer: relevance ≥ ${t.minRelevance}, not failed) and mean relevance per backend${t.hasQueryTypes ? " and per backend × query type" : ""}:`,
    "",
    markdownTable(
      [
        ["backend", "calls", "success", "mean relevance"],
        ...t.backends.map((b) => [
          `\`${b.backend}\``,
          formatCount(b.calls),
          pct(b.successRate),
          rel(b.meanRelevance),
        ]),
      ],
      { align: ["left", "right", "right", "right"] },
    ),
    "",
  ];
  if (t.hasQueryTypes && t.cells.length > 0) {
    out.push(
      markdownTable(
        [
          ["backend", "query type", "calls", "share of type", "success", "mean relevance"],
          ...t.cells.map((c) => [
            `\`${c.backend}\``,
            c.queryType ?? "",
            formatCount(c.calls),
            pct(c.share),
            pct(c.successRate),
            rel(c.meanRelevance),
          ]),
        ],
        { align: ["left", "left", "right", "right", "right", "right"] },
      ),
      "",
    );
  }
  return out;
}
