import type { HedgedSpec } from "../patterns/spec.js";
import type { BackendId, Query, RoutingDecision } from "../routing/types.js";
import { callBackend } from "./call-backend.js";
import type { CallResult, ExecutionContext, ExecutionResult } from "./types.js";

/**
 * Sends to the router's choice; if it has not answered after `delayMs` (or failed sooner),
 * sends a backup to `backup` (the first alternative, or the same backend as a replica). The
 * first successful answer completes the query; with `cancel` the loser is aborted.
 *
 * @param delayMs the hedge delay already resolved (e.g. from the primary's observed p95);
 *   `Infinity` never hedges
 */
export function executeHedged(
  context: ExecutionContext,
  query: Query,
  decision: RoutingDecision,
  spec: HedgedSpec,
  delayMs: number,
): Promise<ExecutionResult> {
  const clock = context.clock ?? performance.now.bind(performance);
  const backup: BackendId | undefined =
    spec.backup === "same" ? decision.backend : decision.alternatives[0];
  const start = clock();
  return new Promise((resolve) => {
    const controllers: AbortController[] = [];
    const results: CallResult[] = [];
    let finished = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (winner: CallResult | undefined) => {
      if (finished) return;
      finished = true;
      if (timer !== undefined) clearTimeout(timer);
      let cancelled = 0;
      if (spec.cancel) {
        controllers.forEach((c, i) => {
          if (results[i] === undefined) {
            c.abort();
            cancelled++;
          }
        });
      }
      resolve({
        decision,
        relevance: winner?.relevance ?? 0,
        latencyMs: clock() - start,
        calls: controllers.length,
        cancelled,
        failed: winner === undefined,
      });
    };
    const send = (backend: BackendId) => {
      const controller = new AbortController();
      const index = controllers.push(controller) - 1;
      callBackend(context, query, decision, backend, controller.signal).then((r) => {
        results[index] = r;
        if (finished) return;
        if (r.ok) finish(r);
        else if (index === 0 && controllers.length === 1 && backup !== undefined) hedge();
        else if (results.filter(Boolean).length === controllers.length) finish(undefined);
      });
    };
    const hedge = () => {
      if (finished || controllers.length > 1 || backup === undefined) return;
      send(backup);
    };
    send(decision.backend);
    if (backup !== undefined && Number.isFinite(delayMs))
      timer = setTimeout(hedge, Math.max(0, delayMs));
  });
}
