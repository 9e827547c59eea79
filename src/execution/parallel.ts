import type { ParallelSpec } from "../patterns/spec.js";
import type { Query, RoutingDecision } from "../routing/types.js";
import { callBackend, NEVER_ABORTED, preferenceOrder } from "./call-backend.js";
import type { CallResult, ExecutionContext, ExecutionResult } from "./types.js";

/**
 * Fans out to the choice and its next alternatives and fuses the answers (best relevance).
 * Completes when all answer (`all`), when `k` have succeeded (`first-k`), or at the deadline
 * (`deadline`); with `cancel`, requests still out are aborted then.
 */
export function executeParallel(
  context: ExecutionContext,
  query: Query,
  decision: RoutingDecision,
  spec: ParallelSpec & { deadlineMs: number },
): Promise<ExecutionResult> {
  const clock = context.clock ?? performance.now.bind(performance);
  const order = preferenceOrder(decision);
  const targets =
    spec.fanout === "all" || spec.fanout === undefined ? order : order.slice(0, spec.fanout);
  const rule = spec.rule ?? "all";
  const k = Math.min(spec.k ?? 1, targets.length);
  const start = clock();
  const controllers = spec.cancel ? targets.map(() => new AbortController()) : undefined;
  return new Promise((resolve) => {
    const done: CallResult[] = [];
    const settled = targets.map(() => false);
    let okCount = 0;
    let finished = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = () => {
      if (finished) return;
      finished = true;
      if (timer !== undefined) clearTimeout(timer);
      const latencyMs = clock() - start;
      let cancelled = 0;
      if (spec.cancel) {
        targets.forEach((_, i) => {
          if (!settled[i]) {
            controllers?.[i].abort();
            cancelled++;
          }
        });
      }
      const answered = done.filter((d) => d.ok);
      resolve({
        decision,
        relevance: answered.reduce((best, d) => Math.max(best, d.relevance), 0),
        latencyMs,
        calls: targets.length,
        cancelled,
        failed: answered.length === 0,
      });
    };
    if (rule === "deadline") timer = setTimeout(finish, spec.deadlineMs);
    targets.forEach((backend, i) => {
      callBackend(context, query, decision, backend, controllers?.[i].signal ?? NEVER_ABORTED).then(
        (r) => {
          settled[i] = true;
          if (finished) return;
          done.push(r);
          if (r.ok) okCount++;
          if (done.length === targets.length || (rule === "first-k" && okCount >= k)) finish();
        },
      );
    });
  });
}
