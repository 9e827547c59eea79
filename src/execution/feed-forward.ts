import type { Query, RoutingDecision } from "../routing/types.js";
import { callBackend, NEVER_ABORTED } from "./call-backend.js";
import type { ExecutionContext, ExecutionResult } from "./types.js";

/** One request to the router's choice. */
export async function executeFeedForward(
  context: ExecutionContext,
  query: Query,
  decision: RoutingDecision,
): Promise<ExecutionResult> {
  const r = await callBackend(context, query, decision, decision.backend, NEVER_ABORTED);
  return {
    decision,
    relevance: r.relevance,
    latencyMs: r.latencyMs,
    calls: 1,
    cancelled: 0,
    failed: !r.ok,
  };
}
