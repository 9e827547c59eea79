import type { RecursiveSpec } from "../patterns/spec.js";
import type { Query, RoutingDecision } from "../routing/types.js";
import { callBackend, NEVER_ABORTED, preferenceOrder } from "./call-backend.js";
import type { ExecutionContext, ExecutionResult } from "./types.js";

/**
 * Asks the router's choice, then each next alternative while the best relevance is below the
 * threshold or the request failed, up to `maxIterations` requests.
 */
export async function executeRecursive(
  context: ExecutionContext,
  query: Query,
  decision: RoutingDecision,
  spec: RecursiveSpec & { threshold: number },
): Promise<ExecutionResult> {
  const order = preferenceOrder(decision);
  const max = Math.min(spec.maxIterations ?? 3, order.length);
  const signal = NEVER_ABORTED;
  let best = 0;
  let anyOk = false;
  let latencyMs = 0;
  let calls = 0;
  while (calls < max) {
    const r = await callBackend(context, query, decision, order[calls], signal);
    calls++;
    latencyMs += r.latencyMs;
    if (r.ok) {
      anyOk = true;
      best = Math.max(best, r.relevance);
      if (best >= spec.threshold) break;
    }
  }
  return { decision, relevance: best, latencyMs, calls, cancelled: 0, failed: !anyOk };
}
