import { readFileSync } from "node:fs";
import { z } from "zod";
import { RoutingInputError } from "./errors.js";

/** The format tag of parameters saved by routing-lab's bandits. */
export const SAVED_FORMAT = "routing-lab/bandit";

/**
 * A reward sum. Finite, and possibly negative: tuned priors below 1 are saved as α − 1 (see
 * tunedBanditParams); `load` checks that prior + sum stays a proper Beta shape.
 */
const rewardSum = z.number().refine(Number.isFinite, "must be a finite number");
const positive = z.number().positive().refine(Number.isFinite, "must be a finite number");

const savedTypeSchema = z.strictObject({
  /** Σ reward per backend, in `backends` order. */
  successes: z.array(rewardSum),
  /** Σ (1 − reward) per backend, in `backends` order. */
  failures: z.array(rewardSum),
  /** Outcomes recorded for this type (cold start counts them). */
  outcomes: z.number().int().nonnegative(),
  /** Sliding-window contents, oldest first: [backend index, reward]. */
  window: z.array(z.tuple([z.number().int().nonnegative(), z.number().min(0).max(1)])).optional(),
});

/** Parameters saved by routing-lab (`save()`), versioned. */
export const savedParamsSchema = z.strictObject({
  format: z.literal(SAVED_FORMAT),
  version: z.literal(1),
  /**
   * The strategy that saved them. Informational: every bandit keeps the same per-cell sums,
   * so one bandit's counts can seed another (e.g. UCB1's warm-start a Thompson router).
   */
  strategy: z.string(),
  backends: z
    .array(z.string().min(1))
    .min(1)
    .superRefine((names, ctx) => {
      const first = new Map<string, number>();
      names.forEach((name, i) => {
        const at = first.get(name);
        if (at === undefined) first.set(name, i);
        else
          ctx.addIssue({ code: "custom", path: [i], message: `repeats "${name}" (entry ${at})` });
      });
    }),
  queryTypes: z.array(z.string().min(1)),
  types: z.record(z.string(), savedTypeSchema),
});

/** The shape {@link savedParamsSchema} accepts. */
export type SavedParams = z.infer<typeof savedParamsSchema>;

/** The old system's `bandit_params.json`: per query type, α and β arrays in backend order. */
export const legacyParamsSchema = z.record(
  z.string().min(1),
  z.object({ alpha: z.array(positive).min(1), beta: z.array(positive).min(1) }),
);

/** The shape {@link legacyParamsSchema} accepts. */
export type LegacyParams = z.infer<typeof legacyParamsSchema>;

/**
 * Parses saved bandit parameters in either layout.
 *
 * @param value parsed JSON
 * @param source where it came from, for error messages
 * @returns the layout and its validated content
 * @throws {RoutingInputError} naming the first bad field
 */
export function parseSavedParams(
  value: unknown,
  source = "params",
): { kind: "saved"; params: SavedParams } | { kind: "legacy"; params: LegacyParams } {
  const isSaved = typeof value === "object" && value !== null && "format" in value;
  const result = isSaved ? savedParamsSchema.safeParse(value) : legacyParamsSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue.path.map(String).join(".");
    throw new RoutingInputError(`${source}${path ? `.${path}` : ""}`, issue.message);
  }
  return isSaved
    ? { kind: "saved", params: result.data as SavedParams }
    : { kind: "legacy", params: result.data as LegacyParams };
}

/**
 * Reads a saved-parameters JSON file (either layout) for a learning router's `load`.
 *
 * @param path the file
 * @returns the parsed JSON, not yet validated (`load` validates it, naming `path`)
 * @throws {RoutingInputError} when the file cannot be read or is not JSON
 * @example router.load(readParamsFile(path), { source: path });
 */
export function readParamsFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new RoutingInputError(path, `cannot read: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new RoutingInputError(path, `is not valid JSON: ${(err as Error).message}`);
  }
}
