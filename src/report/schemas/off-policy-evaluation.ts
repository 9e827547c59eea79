/** Schema of `10-off-policy-evaluation.json` ({@link OpeStudyResult}, notebook 10). */
import { z } from "zod";
import type { OpeStudyResult } from "../../studies/index.js";
import type { Assignable } from "./agree.js";
import { jsonNumber } from "./json-number.js";

const estimator = z.object({
  mean: jsonNumber,
  sd: jsonNumber,
  rmse: jsonNumber,
  covered: z.number(),
  width: jsonNumber,
});

export const offPolicyEvaluationSchema = z.object({
  plan: z.object({
    scenarioFile: z.string(),
    traces: z.number(),
    decisions: z.number(),
    truthRounds: z.number(),
    policies: z.array(z.string()),
    // "no clip" is Infinity, written as null; read back as NaN like every non-finite number.
    clips: z.array(jsonNumber),
  }),
  uniform: z.array(
    z.object({
      policy: z.string(),
      truth: jsonNumber,
      estimators: z.record(z.string(), estimator),
      effectiveSampleSize: jsonNumber,
      unsupportedShare: jsonNumber,
    }),
  ),
  clipping: z.object({
    truth: jsonNumber,
    rows: z.array(z.object({ clip: jsonNumber, ips: estimator, dr: estimator })),
  }),
  deterministic: z.array(z.object({ policy: z.string(), truth: jsonNumber, outcome: z.string() })),
});

export type _OffPolicyEvaluationToType = Assignable<
  z.output<typeof offPolicyEvaluationSchema>,
  OpeStudyResult
>;
export type _OffPolicyEvaluationFromType = Assignable<
  OpeStudyResult,
  z.output<typeof offPolicyEvaluationSchema>
>;
