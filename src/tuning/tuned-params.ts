import { readFileSync } from "node:fs";
import { z } from "zod";
import { UsageError } from "../errors.js";
import { stripBom } from "../io/strip-bom.js";
import type { BetaPrior, PriorOptions } from "../routing/priors.js";
import { priorResolver } from "../routing/priors.js";
import { parseSavedParams, SAVED_FORMAT } from "../routing/saved-params.js";

/** The Thompson options a params file gives: priors and forgetting. */
export interface TunedThompsonOptions {
  priors: PriorOptions;
  discount?: number;
  window?: number;
}

/** The format of `bandit-params.json` as `tune-priors` writes it now: readable α and β. */
export const BANDIT_PRIORS_FORMAT = "routing-lab/bandit-priors";

const finitePositive = z.number().positive().refine(Number.isFinite, "must be a finite number");
const prior = z.strictObject({ alpha: finitePositive, beta: finitePositive });
const forgetting = {
  discount: z.number().gt(0).lte(1).optional(),
  window: z.number().int().positive().optional(),
};

/**
 * `bandit-params.json`: the tuned Beta(α, β) prior of every query type and backend, written out
 * (no sums to add 1 to), and the forgetting of the tuned setting.
 */
export const banditPriorsSchema = z.strictObject({
  format: z.literal(BANDIT_PRIORS_FORMAT),
  version: z.literal(1),
  strategy: z.literal("thompson"),
  backends: z.array(z.string().min(1)).min(1),
  queryTypes: z.array(z.string().min(1)),
  /** priors[type][backend] = { alpha, beta }. */
  priors: z.record(z.string(), z.record(z.string(), prior)),
  ...forgetting,
});

/** The shape {@link banditPriorsSchema} accepts. */
export type BanditPriorsFile = z.infer<typeof banditPriorsSchema>;

const priorOptionsSchema = z.strictObject({
  default: prior.optional(),
  byType: z.record(z.string(), prior).optional(),
  byBackend: z.record(z.string(), prior).optional(),
  byTypeAndBackend: z.record(z.string(), z.record(z.string(), prior)).optional(),
});

/** `priors.json`: the swept `thompson` options and where they came from. */
const thompsonOptionsFileSchema = z.object({
  format: z.literal("routing-lab/thompson-options"),
  version: z.literal(1),
  strategy: z.literal("thompson"),
  options: z.strictObject({ priors: priorOptionsSchema, ...forgetting }),
});

/**
 * The readable form of tuned priors: α and β per query type and backend.
 *
 * @param options the tuned `thompson` options
 * @param backends the scenario's backends
 * @param queryTypes the scenario's query types
 * @returns the file content (validated)
 */
export function banditPriorsFile(
  options: TunedThompsonOptions,
  backends: readonly string[],
  queryTypes: readonly string[],
): BanditPriorsFile {
  const resolve = priorResolver(options.priors);
  const priors: Record<string, Record<string, BetaPrior>> = {};
  for (const t of queryTypes) {
    priors[t] = {};
    for (const b of backends) priors[t][b] = resolve(t, b);
  }
  return banditPriorsSchema.parse({
    format: BANDIT_PRIORS_FORMAT,
    version: 1,
    strategy: "thompson",
    backends: [...backends],
    queryTypes: [...queryTypes],
    priors,
    ...(options.discount !== undefined ? { discount: options.discount } : {}),
    ...(options.window !== undefined ? { window: options.window } : {}),
  });
}

/** Names the first issue of a failed parse as `file: field: message`. */
function issueOf(path: string, error: z.ZodError): UsageError {
  const issue = error.issues[0];
  const field = issue.path.map(String).join(".");
  return new UsageError(`${path}: ${field === "" ? "" : `${field}: `}${issue.message}`);
}

/**
 * Reads what `tune-priors` exports into `thompson` options, for `--params`:
 * - `priors.json` (`routing-lab/thompson-options`): the options as swept;
 * - `bandit-params.json` (`routing-lab/bandit-priors`): α and β per type and backend;
 * - an older `bandit-params.json` (`routing-lab/bandit`, sums α − 1 and β − 1 over a Beta(1, 1)
 *   router) or any saved bandit state, and the old system's `bandit_params.json` (α, β arrays):
 *   each read as priors, α = 1 + successes and β = 1 + failures (the posterior a Thompson
 *   router would start from after `load`).
 *
 * @param path the file
 * @param options `legacyBackendOrder`: the backends of the old system's arrays
 * @returns the options to give the `thompson` strategy
 * @throws {UsageError} naming the file and the first bad field
 * @example readTunedParams(".cache/tune-priors/drift-…/priors.json").priors.default
 */
export function readTunedParams(
  path: string,
  options: { legacyBackendOrder?: readonly string[] } = {},
): TunedThompsonOptions {
  let value: unknown;
  try {
    value = JSON.parse(stripBom(readFileSync(path, "utf8")));
  } catch (err) {
    throw new UsageError(`${path}: cannot read tuned parameters (${(err as Error).message})`);
  }
  const format =
    typeof value === "object" && value !== null && "format" in value
      ? (value as { format: unknown }).format
      : undefined;
  if (format === "routing-lab/thompson-options") {
    const parsed = thompsonOptionsFileSchema.safeParse(value);
    if (!parsed.success) throw issueOf(path, parsed.error);
    return parsed.data.options;
  }
  if (format === BANDIT_PRIORS_FORMAT) {
    const parsed = banditPriorsSchema.safeParse(value);
    if (!parsed.success) throw issueOf(path, parsed.error);
    const { priors, discount, window } = parsed.data;
    return {
      priors: { byTypeAndBackend: priors },
      ...(discount !== undefined ? { discount } : {}),
      ...(window !== undefined ? { window } : {}),
    };
  }
  if (format !== undefined && format !== SAVED_FORMAT) {
    throw new UsageError(
      `${path}: format ${JSON.stringify(format)} is not tuned parameters; expected routing-lab/thompson-options (priors.json), ${BANDIT_PRIORS_FORMAT} or ${SAVED_FORMAT} (bandit-params.json)`,
    );
  }
  const saved = parseSavedParams(value, path);
  const byTypeAndBackend: Record<string, Record<string, BetaPrior>> = {};
  const add = (t: string, b: string, successes: number, failures: number, field: string) => {
    const alpha = 1 + successes;
    const beta = 1 + failures;
    if (!(alpha > 0 && beta > 0)) {
      throw new UsageError(
        `${path}: ${field}: gives the prior Beta(${alpha}, ${beta}), not a proper one`,
      );
    }
    byTypeAndBackend[t] ??= {};
    byTypeAndBackend[t][b] = { alpha, beta };
  };
  if (saved.kind === "saved") {
    for (const [t, row] of Object.entries(saved.params.types)) {
      saved.params.backends.forEach((b, i) => {
        add(t, b, row.successes[i] ?? 0, row.failures[i] ?? 0, `types.${t}[${i}]`);
      });
    }
  } else {
    const order = options.legacyBackendOrder ?? ["neo4j", "qdrant", "mem0", "inmemory", "hybrid"];
    for (const [t, row] of Object.entries(saved.params)) {
      row.alpha.forEach((a, i) => {
        const b = order[i];
        if (b === undefined)
          throw new UsageError(`${path}: ${t}.alpha has more entries than backends`);
        add(t, b, a - 1, (row.beta[i] ?? 1) - 1, `${t}[${i}]`);
      });
    }
  }
  return { priors: { byTypeAndBackend } };
}
