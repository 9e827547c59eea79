import { z } from "zod";
import type { BetaRelevanceSpec, RelevanceSpec } from "./spec.js";

const probability = z.number().min(0).max(1);

const beta = z
  .strictObject({
    type: z.literal("beta"),
    alpha: z.number().positive().optional(),
    beta: z.number().positive().optional(),
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
  });

/** The zod schema of {@link RelevanceSpec} (strict: unknown fields are errors). */
export const relevanceSpecSchema: z.ZodType<RelevanceSpec> = z.discriminatedUnion("type", [
  beta,
  z.strictObject({ type: z.literal("bernoulli"), p: probability }),
  z.strictObject({ type: z.literal("constant"), value: probability }),
]);
