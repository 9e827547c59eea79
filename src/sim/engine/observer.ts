import type { BackendId, Query, RoutingContext, RoutingDecision } from "../../routing/types.js";

/** A request's response, as {@link SimulationObserver.responded} sees it. */
export interface ObservedResponse {
  backend: BackendId;
  /** Whether this is the decision's own request, the first the query's pattern sent. */
  first: boolean;
  latencyMs: number;
  relevance: number;
  failed: boolean;
  timedOut: boolean;
  /** Virtual time of the response, ms. */
  now: number;
}

/** A finished query, as {@link SimulationObserver.finished} sees it. */
export interface ObservedQuery {
  /** From arrival to the answer, ms. */
  latencyMs: number;
  /** The answer's relevance (0 when it failed). */
  relevance: number;
  failed: boolean;
  /** Relevance ≥ the SLO's minimum, not failed, and within the SLO's latency. */
  sloMet: boolean;
  now: number;
}

/**
 * Watches one run's decisions and requests without taking part in them: the engine calls it
 * at four points. An observer must not change the router's state or draw from its stream, so
 * a run's results are the same with or without one. `simulate --trace-out` logs a trace
 * through it.
 */
export interface SimulationObserver {
  /**
   * Query `index` is about to be routed: the router is in the state its decision will see.
   * The engine reuses the context object: copy what you keep.
   */
  deciding?(index: number, query: Query, context: RoutingContext): void;
  /** The router chose `decision` for query `index`. */
  decided?(index: number, decision: RoutingDecision): void;
  /** A request of query `index` came back (a cancelled request never does). */
  responded?(index: number, response: ObservedResponse): void;
  /** Query `index` finished (also when no backend was available and nothing was routed). */
  finished?(index: number, query: ObservedQuery): void;
}
