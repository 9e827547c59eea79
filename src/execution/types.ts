import type { BackendId, Query, Router, RoutingDecision } from "../routing/types.js";

/** What a real backend answers. */
export interface BackendAnswer {
  /** In [0, 1]. */
  relevance: number;
}

/**
 * A real backend: an async call that honours the abort signal (a hedge's loser, a parallel
 * request past its deadline). A rejection counts as a failed request.
 */
export type AsyncBackend = (query: Query, signal: AbortSignal) => Promise<BackendAnswer>;

/** Everything an executor needs: the router, the backends, and a clock. */
export interface ExecutionContext {
  router: Router;
  backends: Readonly<Record<BackendId, AsyncBackend>>;
  /** Milliseconds; default `performance.now`. */
  clock?: () => number;
}

/** What one executed query produced. */
export interface ExecutionResult {
  decision: RoutingDecision;
  /** Best relevance received (0 when every request failed). */
  relevance: number;
  /** Wall time from the decision to completion, ms. */
  latencyMs: number;
  /** Backend requests sent: the load this pattern adds. */
  calls: number;
  /** Requests cancelled before they answered. */
  cancelled: number;
  /** True when no request answered. */
  failed: boolean;
}

/** One request's fate, as the executors see it. */
export interface CallResult {
  backend: BackendId;
  ok: boolean;
  relevance: number;
  latencyMs: number;
  /** Aborted before it answered; the router was told through `onCancel`. */
  cancelled: boolean;
}
