import type { BackendId, Query, RoutingDecision } from "../routing/types.js";
import type { CallResult, ExecutionContext } from "./types.js";

/**
 * Sends one request and reports it to the router: `onDispatch` when it leaves, `record` with
 * the measured latency when it answers or fails, `onCancel` when `signal` aborts it first.
 * The router therefore learns from real completions, at completion time.
 *
 * @param context router, backends and clock
 * @param query the query
 * @param decision the decision the request belongs to
 * @param backend where to send it
 * @param signal aborts the request (hedging, deadlines)
 * @returns the request's result; never rejects
 */
export async function callBackend(
  context: ExecutionContext,
  query: Query,
  decision: RoutingDecision,
  backend: BackendId,
  signal: AbortSignal,
): Promise<CallResult> {
  const { router, backends } = context;
  const clock = context.clock ?? performance.now.bind(performance);
  const call = backends[backend];
  const start = clock();
  router.onDispatch?.(backend, start);
  let ok = true;
  let relevance = 0;
  try {
    if (!call) throw new Error(`no backend named "${backend}"`);
    relevance = (await call(query, signal)).relevance;
  } catch {
    ok = false;
  }
  const end = clock();
  const latencyMs = Math.max(0, end - start);
  if (signal.aborted) {
    router.onCancel?.(backend, end);
    return { backend, ok: false, relevance: 0, latencyMs, cancelled: true };
  }
  router.record({
    decision,
    backend,
    relevance,
    latencyMs,
    success: ok ? undefined : false,
    now: end,
  });
  return { backend, ok, relevance, latencyMs, cancelled: false };
}

/**
 * A signal that never aborts, shared by requests that cannot be cancelled: creating an
 * AbortController per request costs microseconds, more than the rest of a feed-forward call.
 */
export const NEVER_ABORTED: AbortSignal = new AbortController().signal;

/** The decision's backends in preference order: its choice, then its alternatives. */
export function preferenceOrder(decision: RoutingDecision): BackendId[] {
  return [decision.backend, ...decision.alternatives];
}
