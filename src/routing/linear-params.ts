import { z } from "zod";
import { RoutingInputError } from "./errors.js";

/** The format tag of parameters saved by the contextual (linear) routers. */
export const LINEAR_SAVED_FORMAT = "routing-lab/linear";

const finite = z.number().refine(Number.isFinite, "must be a finite number");

const armSchema = z.strictObject({
  /** A = λI + Σ x xᵀ, row-major, d × d numbers. */
  A: z.array(finite),
  /** b = Σ r x, d numbers. */
  b: z.array(finite),
  /** Outcomes behind A and b. */
  outcomes: z.number().int().nonnegative(),
});

/** Parameters saved by `linucb` and `linear-thompson` (`save()`), versioned. */
export const linearParamsSchema = z.strictObject({
  format: z.literal(LINEAR_SAVED_FORMAT),
  version: z.literal(1),
  /** The strategy that saved them; informational (both strategies keep the same model). */
  strategy: z.string(),
  /** The featurizer the vectors came from: a router loads only vectors of its own features. */
  features: z.strictObject({
    dimension: z.number().int().positive(),
    seed: z.number().int(),
    types: z.array(z.string().min(1)),
  }),
  /** The ridge regulariser the models started from (informational: A already contains it). */
  lambda: z.number().positive(),
  /** One model per backend. */
  arms: z.record(z.string().min(1), armSchema),
});

/** The shape {@link linearParamsSchema} accepts. */
export type LinearParams = z.infer<typeof linearParamsSchema>;

/**
 * Validates saved linear-router parameters.
 *
 * @param value parsed JSON
 * @param source where it came from, for error messages
 * @returns the validated parameters
 * @throws {RoutingInputError} naming the first bad field
 */
export function parseLinearParams(value: unknown, source = "params"): LinearParams {
  const result = linearParamsSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue.path.map(String).join(".");
    throw new RoutingInputError(`${source}${path ? `.${path}` : ""}`, issue.message);
  }
  return result.data;
}
