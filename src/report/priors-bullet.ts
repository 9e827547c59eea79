import type { TuningPriorsResult } from "../studies/index.js";
import type { Cell } from "./document.js";
import type { ValueFormat } from "./format.js";
import { type ResultSource, sourced as v } from "./sourced.js";

const pts: ValueFormat = { kind: "points", digits: 2 };
const n1: ValueFormat = { kind: "number", digits: 1 };
const text: ValueFormat = { kind: "text" };

type Advice = TuningPriorsResult["heatmap"]["advice"];

/**
 * One sweep's verdict as a clause: the advised setting with its SLO attainment gain, or that
 * no setting was shown better than the reference, with the leader's numbers (issue 14: no
 * advice a re-simulation does not confirm).
 */
function verdictClause(
  pr: ResultSource<TuningPriorsResult>,
  get: (x: TuningPriorsResult) => Advice,
  reference: string,
): Cell[] {
  const a = get(pr.data);
  const diff = (): Cell[] => [
    v(pr, (x) => get(x).sloAttainment?.diff.mean, pts),
    " points [",
    v(pr, (x) => get(x).sloAttainment?.diff.lo, pts),
    ", ",
    v(pr, (x) => get(x).sloAttainment?.diff.hi, pts),
    "] of SLO attainment against ",
    reference,
    " (paired, Holm-corrected over ",
    v(pr, (x) => get(x).tested, text),
    " settings)",
  ];
  switch (a.verdict) {
    case "advised":
      return ["`", v(pr, (x) => get(x).id, text), "` is advised: ", ...diff()];
    case "no-baseline":
      return [
        "no setting is advised: the sweep had no ",
        reference,
        " to confirm against (leader `",
        v(pr, (x) => get(x).id, text),
        "`)",
      ];
    default:
      return [
        "no setting was shown better than ",
        reference,
        ", so none is advised; the leader, `",
        v(pr, (x) => get(x).id, text),
        "`, has ",
        ...diff(),
      ];
  }
}

/**
 * The executive summary's bullet on priors and forgetting, read from notebook 06's results:
 * each sweep's verdict, judged by SLO attainment against Beta(1, 1) without forgetting.
 *
 * @param pr notebook 06's results file
 * @returns the bullet's cells
 * @example r.bullets([priorsBullet(sources.priors)])
 */
export function priorsBullet(pr: ResultSource<TuningPriorsResult>): Cell[] {
  const prior = pr.data.recommended.prior;
  return [
    "**Priors:** on the default scenario, ",
    ...verdictClause(pr, (x) => x.heatmap.advice, "Beta(1, 1)"),
    ...(prior === null
      ? []
      : [
          "; its prior is Beta(",
          v(pr, (x) => x.recommended.prior?.alpha, n1),
          ", ",
          v(pr, (x) => x.recommended.prior?.beta, n1),
          ")",
        ]),
    ". Under drift, ",
    ...verdictClause(pr, (x) => x.forgetting.advice, "no forgetting"),
    ".",
  ];
}
