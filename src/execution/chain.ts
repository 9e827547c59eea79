import type { ChainSpec } from "../patterns/spec.js";
import type { Query, RoutingDecision } from "../routing/types.js";
import { callBackend, NEVER_ABORTED, preferenceOrder } from "./call-backend.js";
import type { ExecutionContext, ExecutionResult } from "./types.js";

/** A sequential pipeline over the choice and its next alternatives; a failure breaks it. */
export async function executeChain(
  context: ExecutionContext,
  query: Query,
  decision: RoutingDecision,
  spec: ChainSpec,
): Promise<ExecutionResult> {
  const order = preferenceOrder(decision);
  const stages = Math.min(spec.stages ?? 2, order.length);
  const signal = NEVER_ABORTED;
  let best = 0;
  let latencyMs = 0;
  let calls = 0;
  let failed = false;
  while (calls < stages) {
    const r = await callBackend(context, query, decision, order[calls], signal);
    calls++;
    latencyMs += r.latencyMs;
    if (!r.ok) {
      failed = true;
      break;
    }
    best = Math.max(best, r.relevance);
  }
  return { decision, relevance: failed ? 0 : best, latencyMs, calls, cancelled: 0, failed };
}
