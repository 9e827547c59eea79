/**
 * The summary's off-policy evaluation section: how well IPS, SNIPS, DM and DR estimate a
 * policy's SLO attainment from another policy's logs, against the policy's own on-policy run.
 * Every number is read from notebook 10's results file.
 */
import type { OpeStudyResult } from "../studies/index.js";
import type { Cell, ReportBuilder } from "./document.js";
import type { ValueFormat } from "./format.js";
import { type ResultSource, sourced as v } from "./sourced.js";

const ESTIMATORS = ["ips", "snips", "dm", "dr"] as const;
const pct: ValueFormat = { kind: "percent" };
const n = (digits = 0): ValueFormat => ({ kind: "number", digits });
const text: ValueFormat = { kind: "text" };

/**
 * Appends the section to a report.
 *
 * @param r the report being built
 * @param o notebook 10's results file
 * @returns the builder
 */
export function offPolicySection(r: ReportBuilder, o: ResultSource<OpeStudyResult>): ReportBuilder {
  r.heading(2, "Off-policy evaluation");
  r.paragraph(
    "Can a routing policy's SLO attainment be read from logs of another policy? ",
    v(o, (x) => x.plan.traces, n()),
    " traces of ",
    v(o, (x) => x.plan.decisions, n()),
    " decisions each, logged by uniform random routing with exact propensities, were evaluated for each policy and compared with the policy's own on-policy run (",
    v(o, (x) => x.plan.truthRounds, n()),
    " queries). Each cell: the mean estimate, then how many traces' 95 % intervals covered the on-policy value.",
  );
  const rows: Cell[][] = o.data.uniform.map((row, i) => [
    v(o, (x) => x.uniform[i].policy, text),
    v(o, (x) => x.uniform[i].truth, pct),
    ...ESTIMATORS.map((k): Cell => {
      if (row.estimators[k] === undefined) return "—";
      return v(o, (x) => x.uniform[i].estimators[k].mean, pct);
    }),
    ...ESTIMATORS.map((k): Cell => {
      if (row.estimators[k] === undefined) return "—";
      return v(o, (x) => x.uniform[i].estimators[k].covered, n());
    }),
    v(o, (x) => x.uniform[i].effectiveSampleSize, n()),
  ]);
  r.table(
    [
      "policy",
      "on-policy",
      "IPS",
      "SNIPS",
      "DM",
      "DR",
      "IPS covered",
      "SNIPS covered",
      "DM covered",
      "DR covered",
      "ESS",
    ],
    rows,
  );
  const clip = o.data.clipping.rows;
  const tightest = clip.length - 1;
  if (clip.length >= 2) {
    r.paragraph(
      "Weight clipping (traces logged by ε-greedy, target rule-based, on-policy ",
      v(o, (x) => x.clipping.truth, pct),
      "): IPS's spread across traces goes from ",
      v(o, (x) => x.clipping.rows[0].ips.sd, pct),
      " unclipped to ",
      v(o, (x) => x.clipping.rows[tightest].ips.sd, pct),
      " at a cap of ",
      v(o, (x) => x.clipping.rows[tightest].clip, n()),
      ", its RMSE from ",
      v(o, (x) => x.clipping.rows[0].ips.rmse, pct),
      " to ",
      v(o, (x) => x.clipping.rows[tightest].ips.rmse, pct),
      " (clipping trades variance for bias).",
    );
  }
  if (o.data.deterministic.length > 0) {
    r.bullets(
      o.data.deterministic.map((_, i): Cell[] => [
        "Logged by rule-based (no overlap), ",
        v(o, (x) => x.deterministic[i].policy, text),
        " (on-policy ",
        v(o, (x) => x.deterministic[i].truth, pct),
        "): ",
        v(o, (x) => x.deterministic[i].outcome, text),
      ]),
    );
  }
  return r;
}
