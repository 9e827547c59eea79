import { z } from "zod";
import { BETA_SHAPE_MAX, BETA_SHAPE_MIN } from "./beta-bounds.js";
import { LOGIT_LIMIT, logitRange, ONE_WORD } from "./logistic.js";
import type { BetaRelevanceSpec, LogisticRelevanceSpec, RelevanceSpec } from "./spec.js";

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

const logistic = z
  .strictObject({
    type: z.literal("logistic"),
    intercept: z.number(),
    words: z.record(z.string(), z.number()).optional(),
    // ≥ 1e-280: with |log-odds| ≤ 30 the smaller shape is ≥ 9.4e-14 · c ≥ BETA_SHAPE_MIN.
    concentration: z.number().min(1e-280).max(BETA_SHAPE_MAX).optional(),
  })
  .superRefine((s: LogisticRelevanceSpec, ctx) => {
    for (const w of Object.keys(s.words ?? {})) {
      if (!ONE_WORD.test(w) || w !== w.toLowerCase()) {
        ctx.addIssue({
          code: "custom",
          path: ["words", w],
          message:
            "must be one lower-case word (letters, digits, marks or _), as a query's text is split into words",
        });
      }
    }
    const [lo, hi] = logitRange(s);
    const bad = hi > LOGIT_LIMIT ? hi : lo < -LOGIT_LIMIT ? lo : undefined;
    if (bad !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["words"],
        message: `let the log-odds reach ${bad}: intercept + the sum of the positive weights must be ≤ ${LOGIT_LIMIT}, and intercept + the sum of the negative ones ≥ −${LOGIT_LIMIT} (beyond, the mean rounds to 1 or 0)`,
      });
    }
  });

/** The zod schema of {@link RelevanceSpec} (strict: unknown fields are errors). */
export const relevanceSpecSchema: z.ZodType<RelevanceSpec> = z.discriminatedUnion("type", [
  beta,
  z.strictObject({ type: z.literal("bernoulli"), p: probability }),
  z.strictObject({ type: z.literal("constant"), value: probability }),
  logistic,
]);
