import { z } from "zod";
import { BETA_SHAPE_MAX, BETA_SHAPE_MIN } from "./beta-bounds.js";
import type { BetaRelevanceSpec, RelevanceSpec } from "./spec.js";

const probability = z.number().min(0).max(1);
// Bounded where the sampler and the oracle stay exact and finite (see beta-bounds.ts).
const shape = z.number().min(BETA_SHAPE_MIN).max(BETA_SHAPE_MAX);

const beta = z
  .strictObject({
    type: z.literal("beta"),
    alpha: shape.optional(),
    beta: shape.optional(),
    mean: z.number().gt(0).lt(1).optional(),
    concentration: z.number().positive().optional(),
  })
  .superRefine((s: BetaRelevanceSpec, ctx) => {
    const byShape = s.alpha !== undefined || s.beta !== undefined;
    const byMean = s.mean !== undefined || s.concentration !== undefined;
    if (byShape && byMean) {
      ctx.addIssue({
        code: "custom",
        message: "give either alpha and beta, or mean and concentration, not both",
      });
      return;
    }
    const pair: [keyof BetaRelevanceSpec, keyof BetaRelevanceSpec] = byMean
      ? ["mean", "concentration"]
      : ["alpha", "beta"];
    for (const [k, other] of [pair, [pair[1], pair[0]]]) {
      if (s[k] === undefined)
        ctx.addIssue({ code: "custom", path: [k], message: `is required with ${other}` });
    }
    if (byMean && s.mean !== undefined && s.concentration !== undefined) {
      // The derived shapes α = mean·c and β = (1 − mean)·c obey the same bounds as given ones.
      const c = s.concentration;
      const largest = Math.max(s.mean, 1 - s.mean);
      const smallest = Math.min(s.mean, 1 - s.mean);
      const limit =
        largest * c > BETA_SHAPE_MAX
          ? `≤ ${BETA_SHAPE_MAX / largest}`
          : smallest * c < BETA_SHAPE_MIN
            ? `≥ ${BETA_SHAPE_MIN / smallest}`
            : undefined;
      if (limit !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["concentration"],
          message: `must be ${limit} with mean ${s.mean} (α = mean · concentration and β = (1 − mean) · concentration must be from ${BETA_SHAPE_MIN} to ${BETA_SHAPE_MAX})`,
        });
      }
    }
  });

/** The zod schema of {@link RelevanceSpec} (strict: unknown fields are errors). */
export const relevanceSpecSchema: z.ZodType<RelevanceSpec> = z.discriminatedUnion("type", [
  beta,
  z.strictObject({ type: z.literal("bernoulli"), p: probability }),
  z.strictObject({ type: z.literal("constant"), value: probability }),
]);
