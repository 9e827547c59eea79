import type { RoutingDecision } from "../../routing/types.js";

/** Event kinds. */
export const COMPLETION = 0;
export const TIMER = 1;
export const ARRIVAL = 2;
/** A result cache's answer becoming available. */
export const CACHE_HIT = 3;

/**
 * One scheduled event: a request's completion, a pattern's timer or a closed-loop client's
 * next arrival. Objects are pooled and reused, so the hot loop allocates no events.
 */
export class SimEvent {
  /** Virtual time in ms at which the event fires. */
  time = 0;
  /** Insertion order: breaks ties in time so equal-time events fire first-in, first-out. */
  seq = 0;
  kind = COMPLETION;
  /** The job (query) it belongs to, and the job's generation when it was scheduled. */
  job: Job | null = null;
  jobGeneration = 0;
  /** A pattern-defined tag (which stage, which timer). */
  tag = 0;
  // Completion fields.
  backend = 0;
  dispatchedAt = 0;
  latency = 0;
  relevance = 0;
  failed = false;
  timedOut = false;
  cancelled = false;
  decision: RoutingDecision | null = null;
  /** The query's arrival index (the job may be reused by the time a late response fires). */
  queryIndex = 0;
  /** Whether this is the query's first request: the decision's own. */
  first = false;
  /** Closed-loop client of an arrival. */
  client = 0;
}

/**
 * One query in flight through an execution pattern. Pooled; `generation` increases on every
 * reuse so stale timers and late responses can tell that their job is gone.
 */
export class Job {
  generation = 0;
  /** Arrival index (0-based). */
  index = 0;
  /** The metrics bin of the arrival index. */
  bin = 0;
  typeIndex = 0;
  arrival = 0;
  client = 0;
  decision: RoutingDecision | null = null;
  primary = 0;
  done = false;
  /** Requests sent so far, including cancelled ones. */
  calls = 0;
  /** Requests sent whose response has not come back. */
  outstanding: SimEvent[] = [];
  // Pattern state: what each pattern needs, named generically.
  received = 0;
  succeeded = 0;
  best = 0;
  anyOk = false;
  attempt = 0;
  /** Next alternative to try (index into decision.alternatives). */
  nextAlternative = 0;
  /** Backend index whose answer the pattern returned (set before `finish`); −1 when none. */
  answer = -1;
  /** Catalogue index to look up and fill in the result cache; −1 when not cached. */
  cacheKey = -1;
  /** Whether the result cache answered the query. */
  hit = false;
}
