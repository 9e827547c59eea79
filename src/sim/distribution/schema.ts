import { z } from "zod";
import { drawBoundIssue } from "./draw-bound.js";
import type { DistributionSpec, LognormalSpec } from "./spec.js";

const positive = z.number().positive();
const nonNegative = z.number().nonnegative();
const shift = nonNegative.optional();
/**
 * Gamma shapes up to 10⁶. Why a cap: compiling a scenario evaluates the gamma CDF (jStat),
 * whose series takes ≈ 6 ms per call at shape 10⁶ and seconds at 10⁸; and past 10⁶ the
 * coefficient of variation is under 0.1 %, a constant latency in all but name.
 */
const gammaShape = positive.max(1e6);

const lognormal = z
  .strictObject({
    type: z.literal("lognormal"),
    median: positive.optional(),
    p99: positive.optional(),
    mu: z.number().optional(),
    sigma: nonNegative.optional(),
    shift,
  })
  .superRefine((s: LognormalSpec, ctx) => {
    const byQuantiles = s.median !== undefined || s.p99 !== undefined;
    const byParams = s.mu !== undefined || s.sigma !== undefined;
    if (byQuantiles && byParams) {
      ctx.addIssue({
        code: "custom",
        message: "give either median and p99, or mu and sigma, not both",
      });
    } else if (byParams) {
      if (s.mu === undefined)
        ctx.addIssue({ code: "custom", path: ["mu"], message: "is required with sigma" });
      if (s.sigma === undefined)
        ctx.addIssue({ code: "custom", path: ["sigma"], message: "is required with mu" });
    } else if (s.median === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["median"],
        message: "is required (or give mu and sigma)",
      });
    } else if (s.p99 === undefined) {
      ctx.addIssue({ code: "custom", path: ["p99"], message: "is required with median" });
    } else if (!(s.p99 > s.median)) {
      ctx.addIssue({ code: "custom", path: ["p99"], message: "must be greater than median" });
    } else if (s.shift !== undefined && !(s.median > s.shift)) {
      ctx.addIssue({ code: "custom", path: ["median"], message: "must be greater than shift" });
    }
  });

/**
 * The zod schema of {@link DistributionSpec}. Strict: unknown fields are errors, so typos in a
 * scenario file are caught rather than silently ignored. Every family also obeys one rule on
 * its parameters together: no draw may exceed MAX_DRAW, half the largest double (see
 * draw-bound.ts), because a parameter that lets the sampler return Infinity (a Pareto shape
 * of 0.01, a log-normal σ of 100) passes every per-field bound yet breaks a run mid-way.
 */
export const distributionSpecSchema: z.ZodType<DistributionSpec> = z.lazy(() =>
  z
    .discriminatedUnion("type", [
      z.strictObject({ type: z.literal("constant"), value: nonNegative }),
      lognormal,
      z.strictObject({ type: z.literal("gamma"), shape: gammaShape, scale: positive, shift }),
      z.strictObject({ type: z.literal("exponential"), mean: positive, shift }),
      z.strictObject({ type: z.literal("pareto"), scale: positive, shape: positive, shift }),
      z.strictObject({ type: z.literal("weibull"), shape: positive, scale: positive, shift }),
      z.strictObject({
        type: z.literal("mixture"),
        components: z
          .array(z.strictObject({ weight: positive, distribution: distributionSpecSchema }))
          .min(1),
      }),
      z.strictObject({
        type: z.literal("empirical"),
        samples: z.array(nonNegative).min(1),
      }),
    ])
    .superRefine((spec: DistributionSpec, ctx) => {
      const issue = drawBoundIssue(spec);
      if (issue) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    }),
);
