/** Schema of `06-tuning-priors.json` ({@link TuningPriorsResult}, notebook 06). */
import { z } from "zod";
import type { TuningPriorsResult } from "../../studies/index.js";
import type { Assignable } from "./agree.js";
import { jsonNumber } from "./json-number.js";
import { estimateSchema } from "./shared.js";

const forgettingKind = z.enum(["none", "discount", "window"]);

const forgettingShape = {
  id: z.string(),
  kind: forgettingKind,
  value: z.number().nullable(),
  sloAttainment: estimateSchema,
  regret: estimateSchema,
  successRate: estimateSchema,
};

const baselineShape = z.object({
  sloAttainment: estimateSchema,
  regret: estimateSchema,
  successRate: estimateSchema,
});

/** A sweep's verdict against its baseline ({@link TuningPriorsResult} `advice`). */
const adviceSchema = z.object({
  verdict: z.enum(["advised", "not-shown-better", "no-baseline"]),
  id: z.string(),
  sloAttainment: z
    .object({ before: jsonNumber, after: jsonNumber, diff: estimateSchema })
    .nullable(),
  confidence: jsonNumber.nullable(),
  tested: z.number(),
});

const posteriorArm = z.object({
  alpha: jsonNumber,
  beta: jsonNumber,
  mean: jsonNumber,
  truth: jsonNumber,
});

/** `06-tuning-priors.json`: the prior sweep, the forgetting study and the posterior tracks. */
export const tuningPriorsSchema = z.object({
  format: z.literal("routing-lab/notebook-06"),
  version: z.literal(2),
  quick: z.boolean(),
  seed: z.number(),
  heatmap: z.object({
    scenario: z.string(),
    grid: z.string(),
    reps: z.number(),
    rounds: z.number(),
    settings: z.number(),
    best: z.object({
      id: z.string(),
      strength: jsonNumber,
      mean: jsonNumber,
      alpha: jsonNumber,
      beta: jsonNumber,
      sloAttainment: estimateSchema,
      regret: estimateSchema,
      successRate: estimateSchema,
      pBest: jsonNumber,
      tiedWith: z.number(),
    }),
    baseline: baselineShape.nullable(),
    advice: adviceSchema,
    worst: z.object({ id: z.string(), regret: jsonNumber }),
    sensitivity: z.object({
      regretSpread: jsonNumber,
      regretSpreadRelative: jsonNumber,
      dimensions: z.record(z.string(), z.object({ share: jsonNumber, regretRange: jsonNumber })),
      interactionShare: jsonNumber,
    }),
  }),
  forgetting: z.object({
    scenario: z.string(),
    reps: z.number(),
    rounds: z.number(),
    settings: z.array(z.object(forgettingShape)),
    best: z.object({ ...forgettingShape, pBest: jsonNumber, tiedWith: z.array(z.string()) }),
    advice: adviceSchema,
  }),
  posterior: z.object({
    scenario: z.string(),
    queryType: z.string(),
    tracks: z.array(
      z.object({
        label: z.string(),
        checkpoints: z.array(
          z.object({
            queries: z.number(),
            timeS: jsonNumber,
            arms: z.record(z.string(), posteriorArm),
          }),
        ),
      }),
    ),
  }),
  recommended: z.object({
    prior: z
      .object({
        strength: jsonNumber,
        mean: jsonNumber,
        alpha: jsonNumber,
        beta: jsonNumber,
      })
      .nullable(),
    forgetting: z.object({ kind: forgettingKind, value: z.number().nullable() }).nullable(),
  }),
  wallMs: z.object({ heatmap: jsonNumber, forgetting: jsonNumber }),
});
export type _TuningPriorsToType = Assignable<
  z.output<typeof tuningPriorsSchema>,
  TuningPriorsResult
>;
export type _TuningPriorsFromType = Assignable<
  TuningPriorsResult,
  z.output<typeof tuningPriorsSchema>
>;
