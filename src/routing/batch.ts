import type { Outcome, Query, Router, RoutingContext, RoutingDecision } from "./types.js";

/**
 * Routes many queries in one call under the same context. Equivalent to calling `select` for
 * each query in order (so seeded runs reproduce either way); the availability list is
 * resolved once and reused by the router's cache.
 *
 * @param router any router
 * @param queries the queries, in order
 * @param context the available backends and time, shared by the batch
 * @param out optional array to fill (reused across batches to avoid allocation)
 * @returns the decisions, one per query, in order
 * @throws {RoutingInputError} when `available` is empty (before any query is routed)
 * @example const decisions = routeBatch(router, queries, { available: DEFAULT_BACKENDS });
 */
export function routeBatch(
  router: Router,
  queries: readonly Query[],
  context: RoutingContext,
  out: RoutingDecision[] = [],
): RoutingDecision[] {
  out.length = queries.length;
  for (let i = 0; i < queries.length; i++) out[i] = router.select(queries[i], context);
  return out;
}

/**
 * Records many outcomes in order. Each is validated as it is recorded: a bad one throws
 * with its index, and the outcomes before it stay recorded.
 *
 * @param router any router
 * @param outcomes the outcomes, in order
 * @throws {RoutingInputError} naming the index and field of the first bad outcome
 */
export function recordBatch(router: Router, outcomes: readonly Outcome[]): void {
  for (let i = 0; i < outcomes.length; i++) {
    try {
      router.record(outcomes[i]);
    } catch (err) {
      if (err instanceof Error) err.message = `outcomes[${i}]: ${err.message}`;
      throw err;
    }
  }
}
