import type { RandomStream } from "../random/stream.js";

/**
 * The routing domain: what a router is asked, what it answers and what it learns from.
 * Backends and query types are plain strings so a scenario can name any others.
 */

/** A backend id, e.g. `neo4j`. */
export type BackendId = string;
/** A query type, e.g. `relationship`. */
export type QueryType = string;

/** The old system's five backends, in its order (saved bandit arrays use this order). */
export const DEFAULT_BACKENDS: readonly BackendId[] = [
  "neo4j",
  "qdrant",
  "mem0",
  "inmemory",
  "hybrid",
];
/** The old system's query types. */
export const DEFAULT_QUERY_TYPES: readonly QueryType[] = [
  "relationship",
  "similarity",
  "personal",
  "temporal",
  "unknown",
];

/** What a router is asked to route. Give `type` to skip classification (the simulator does). */
export interface Query {
  /** Stable id: deterministic A/B assignment and decision caching key on it. */
  id?: string;
  /** Free text, classified when `type` is absent. */
  text?: string;
  /** A known query type. */
  type?: QueryType;
}

/** What the router knows about the world at decision time. */
export interface RoutingContext {
  /** The backends that may be chosen now; never empty. */
  available: readonly BackendId[];
  /** Current time in ms (virtual in simulations); time-decaying strategies use it. */
  now?: number;
}

/** A routing decision. `reason` may be computed lazily (a getter) to keep hot loops cheap. */
export interface RoutingDecision {
  readonly backend: BackendId;
  /** In [0, 1]. */
  readonly confidence: number;
  readonly queryType: QueryType;
  /** A human-readable sentence saying why. */
  readonly reason: string;
  /** The other available backends, best first. */
  readonly alternatives: readonly BackendId[];
  /** The strategy that decided, e.g. `thompson`. */
  readonly strategy: string;
}

/** What happened when a backend served a query; routers learn from it. */
export interface Outcome {
  readonly decision: RoutingDecision;
  /** The backend that served, when not `decision.backend` (fan-out, hedging, fallbacks). */
  readonly backend?: BackendId;
  /** In [0, 1]. */
  readonly relevance: number;
  /** Non-negative. */
  readonly latencyMs: number;
  /** When absent, derived by the router's {@link SuccessRule}. */
  readonly success?: boolean;
  /**
   * How the request ended, when the caller knows (the simulator always says): `error` and
   * `timeout` carry relevance 0. Routers may ignore it; trace recorders log it.
   */
  readonly status?: "ok" | "error" | "timeout";
  /** Optional user feedback in [-1, 1]. */
  readonly feedback?: number;
  /** Completion time in ms (virtual in simulations). */
  readonly now?: number;
}

/** Decides whether an outcome counts as a success. */
export type SuccessRule = (outcome: Pick<Outcome, "relevance" | "latencyMs">) => boolean;

/** Summary statistics a router reports; `details` is strategy-specific. */
export interface RouterStats {
  strategy: string;
  decisions: number;
  outcomes: number;
  details?: Record<string, unknown>;
}

/** Options of {@link Router.probabilities}. */
export interface ProbabilityOptions {
  /**
   * For strategies whose choice is a posterior draw (Thompson sampling): the stream the
   * estimate samples from. Never the router's own, so estimating changes no later decision.
   */
  rng?: RandomStream;
  /** For such strategies, how many posterior draws the estimate counts; default 1,000. */
  samples?: number;
}

/** Every routing strategy implements this. */
export interface Router {
  readonly name: string;
  /** Chooses a backend among `context.available`. Throws on an empty list. */
  select(query: Query, context: RoutingContext): RoutingDecision;
  /** Learns from a completed request. Throws on NaN or negative relevance or latency. */
  record(outcome: Outcome): void;
  /**
   * Called when a request is sent to `backend` (including fan-out and hedged copies), so
   * load-aware strategies can count requests in flight; `record` ends it.
   */
  onDispatch?(backend: BackendId, now: number): void;
  /** A dispatched request was cancelled (a hedge's loser): it leaves flight without an outcome. */
  onCancel?(backend: BackendId, now: number): void;
  stats(): RouterStats;
  /**
   * The probability that `select` would choose each backend of `context.available` (same
   * order; they sum to 1) for this query in the router's current state. It changes nothing
   * that a later `select` depends on and never draws from the router's own stream, so it may
   * be called before a decision to log its propensity. Exact for deterministic strategies and
   * for those randomised by a formula (random, ε-greedy, power of two choices); estimated by
   * sampling for Thompson sampling. Optional: off-policy evaluation needs it, routing does not.
   */
  probabilities?(query: Query, context: RoutingContext, options?: ProbabilityOptions): number[];
}

/** A router whose learned state can be saved as JSON and loaded back. */
export interface LearnableRouter extends Router {
  save(): unknown;
  /** Validates fully before changing any state: nothing is half-loaded. */
  load(params: unknown): void;
}
