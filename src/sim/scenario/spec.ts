/**
 * The scenario file format: simulated backends, the workload that queries them and the SLO
 * that judges the answers. data/scenarios/README.md documents every field with examples.
 * A parsed scenario is plain JSON, so it can be sent to worker threads as is.
 */
import type { LabelledQuery } from "../../routing/query-set.js";
import type { BackendId, QueryType } from "../../routing/types.js";
import type { DistributionSpec } from "../distribution/spec.js";
import type { RelevanceSpec } from "../relevance/spec.js";

/** A temporary slowdown: latency × `latencyFactor` + `addLatencyMs`, extra failures. */
export interface DegradationWindow {
  kind: "degradation";
  startMs: number;
  endMs: number;
  /** Multiplies sampled latency (default 1). */
  latencyFactor?: number;
  /** Added to sampled latency (default 0). */
  addLatencyMs?: number;
  /** Extra failure probability, combined with the backend's as 1 − (1 − p)(1 − q) (default 0). */
  failureProbability?: number;
}

/**
 * The backend is down. `error`: requests fail after `errorLatencyMs` (connection refused);
 * `timeout`: requests hang until the backend's timeout; `hidden`: a health check removes the
 * backend from the routers' `available` list (requests sent anyway fail as `error`).
 */
export interface OutageWindow {
  kind: "outage";
  startMs: number;
  endMs: number;
  /** Default `error`. */
  mode?: "error" | "timeout" | "hidden";
  /** Latency of a refused request (default 1 ms). */
  errorLatencyMs?: number;
}

/**
 * A lasting change from `startMs`: the backend's latency, relevance (per query type; types not
 * listed keep theirs) or failure probability become the given ones. Over `rampMs` (default 0)
 * each request comes from the new model with probability rising linearly from 0 to 1.
 */
export interface DriftWindow {
  kind: "drift";
  startMs: number;
  rampMs?: number;
  latencyMs?: DistributionSpec;
  relevance?: Record<QueryType, RelevanceSpec>;
  failureProbability?: number;
}

/** A time window that changes a backend's behaviour. Times are virtual ms from the start. */
export type WindowSpec = DegradationWindow | OutageWindow | DriftWindow;

/** Latency grows with load: × max(1, (in-flight + 1) / concurrency), processor-sharing style. */
export interface CapacitySpec {
  /** Requests the backend serves at full speed at once. */
  concurrency: number;
}

/** One simulated backend. */
export interface BackendSpec {
  description?: string;
  /** Latency of a request, in ms. */
  latencyMs: DistributionSpec;
  /** Relevance per query type; `default` covers types not listed. */
  relevance: Record<QueryType, RelevanceSpec>;
  /** Probability that a request fails (after its sampled latency), default 0. */
  failureProbability?: number;
  /** Requests slower than this fail at this time (default: no timeout). */
  timeoutMs?: number;
  /**
   * Probability in [0, 1) that a request hangs: it never answers, so it times out at
   * `timeoutMs` (required when this is above 0), whatever latency it would have drawn
   * (default 0). Calibration writes it when a trace's timeouts are hangs rather than a slow tail.
   */
  hangProbability?: number;
  capacity?: CapacitySpec;
  windows?: WindowSpec[];
}

/** Open-loop Poisson arrivals at `qps` queries per second. */
export interface PoissonArrivals {
  type: "poisson";
  qps: number;
}

/** Closed loop: `clients` users, each sending its next query `thinkTimeMs` (exponential mean; 0 = at once) after its previous one completes. */
export interface ClosedArrivals {
  type: "closed";
  clients: number;
  thinkTimeMs?: number;
}

/** One labelled query from a query set (data/queries/*.jsonl), as the routing module reads it. */
export type { LabelledQuery };

/** Where query texts come from. */
export interface QuerySetSpec {
  /** A JSONL file of {@link LabelledQuery}, relative to the scenario file. */
  file?: string;
  /** Inline queries; {@link loadScenario} fills this from `file`. */
  texts?: LabelledQuery[];
  /** Whether routers see the labelled type (default true); false makes them classify the text. */
  revealType?: boolean;
}

/** The traffic. */
export interface WorkloadSpec {
  /** Relative weight of each query type. */
  mix: Record<QueryType, number>;
  arrivals: PoissonArrivals | ClosedArrivals;
  /** Repeated queries for cache studies: query k of `distinctQueries` has popularity ∝ 1/(k+1)^s. */
  repeats?: { distinctQueries: number; zipfExponent: number };
  queries?: QuerySetSpec;
}

/** What counts as a good answer. */
export interface SloSpec {
  /** Latency bound in ms. */
  latencyMs: number;
  /** Minimum relevance in [0, 1]. */
  minRelevance: number;
}

/** Eviction policies of a result cache (see {@link CacheSpec}). */
export type CachePolicy = "lru" | "lfu" | "fifo" | "ttl-lru";

/**
 * A cache of answers in front of the router, keyed by the catalogue query's id (so it needs
 * `workload.repeats`). A completed answer (not failed, not timed out) is inserted; a hit skips
 * the router and the backends and answers after `hitLatencyMs` with the cached relevance.
 */
export interface CacheSpec {
  /** Entries kept (an integer ≥ 1). */
  capacity: number;
  policy: CachePolicy;
  /** Entry lifetime in virtual ms: required for `ttl-lru`, refused for the other policies. */
  ttlMs?: number;
  /** Latency of a hit, ms. */
  hitLatencyMs: DistributionSpec;
  /** Query types whose answers may be cached (default: every type). */
  types?: QueryType[];
}

/** A whole scenario file. */
export interface Scenario {
  name: string;
  description?: string;
  backends: Record<BackendId, BackendSpec>;
  workload: WorkloadSpec;
  slo: SloSpec;
  /** A result cache in front of the router (default: none). */
  cache?: CacheSpec;
}
