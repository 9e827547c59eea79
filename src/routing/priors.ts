import { RoutingInputError } from "./errors.js";
import type { BackendId, QueryType } from "./types.js";

/** A Beta(α, β) prior; both must be positive and finite. */
export interface BetaPrior {
  alpha: number;
  beta: number;
}

/**
 * Beta priors at three levels. The most specific wins: per type and backend, then per
 * backend, then per type, then the global default Beta(1, 1).
 */
export interface PriorOptions {
  default?: BetaPrior;
  byType?: Readonly<Record<QueryType, BetaPrior>>;
  byBackend?: Readonly<Record<BackendId, BetaPrior>>;
  byTypeAndBackend?: Readonly<Record<QueryType, Readonly<Record<BackendId, BetaPrior>>>>;
}

/** Beta(1, 1), the old system's prior. */
export const UNIFORM_PRIOR: BetaPrior = Object.freeze({ alpha: 1, beta: 1 });

function checkPrior(p: unknown, field: string): BetaPrior {
  if (typeof p !== "object" || p === null) {
    throw new RoutingInputError(field, "must be an object { alpha, beta }");
  }
  const { alpha, beta } = p as Record<string, unknown>;
  for (const [k, v] of [
    ["alpha", alpha],
    ["beta", beta],
  ] as const) {
    if (typeof v !== "number" || !(v > 0) || !Number.isFinite(v)) {
      throw new RoutingInputError(`${field}.${k}`, `must be a positive finite number, got ${v}`);
    }
  }
  return { alpha: alpha as number, beta: beta as number };
}

/**
 * Validates prior options and returns a resolver for (type, backend).
 *
 * @param options the priors, or a single prior used everywhere
 * @returns `(type, backend) => BetaPrior`
 * @throws {RoutingInputError} naming the first prior that is not positive and finite
 */
export function priorResolver(
  options: PriorOptions | BetaPrior = {},
): (type: QueryType, backend: BackendId) => BetaPrior {
  if ("alpha" in options || "beta" in options) {
    const p = checkPrior(options, "priors");
    return () => p;
  }
  const o = options as PriorOptions;
  const global = o.default === undefined ? UNIFORM_PRIOR : checkPrior(o.default, "priors.default");
  const byType = new Map<string, BetaPrior>();
  const byBackend = new Map<string, BetaPrior>();
  const byBoth = new Map<string, Map<string, BetaPrior>>();
  for (const [t, p] of Object.entries(o.byType ?? {})) {
    byType.set(t, checkPrior(p, `priors.byType.${t}`));
  }
  for (const [b, p] of Object.entries(o.byBackend ?? {})) {
    byBackend.set(b, checkPrior(p, `priors.byBackend.${b}`));
  }
  for (const [t, row] of Object.entries(o.byTypeAndBackend ?? {})) {
    const m = new Map<string, BetaPrior>();
    for (const [b, p] of Object.entries(row ?? {})) {
      m.set(b, checkPrior(p, `priors.byTypeAndBackend.${t}.${b}`));
    }
    byBoth.set(t, m);
  }
  return (type, backend) =>
    byBoth.get(type)?.get(backend) ?? byBackend.get(backend) ?? byType.get(type) ?? global;
}
