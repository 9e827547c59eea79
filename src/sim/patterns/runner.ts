import type { Job, SimEvent } from "../engine/event.js";

/** What the engine offers a pattern while it runs a query. */
export interface PatternHost {
  /** Current virtual time, ms. */
  readonly now: number;
  /** The SLO's minimum relevance. */
  readonly minRelevance: number;
  /** The SLO's latency bound, ms. */
  readonly sloLatencyMs: number;
  /** Sends a request for the job to backend b; `tag` comes back on its response. */
  dispatch(job: Job, b: number, tag: number): void;
  /** Fires `timer(job, tag)` at virtual time `at`, unless the job completed before. */
  setTimer(job: Job, at: number, tag: number): void;
  /** Completes the job now with the fused relevance; `failed` when no usable answer came. */
  finish(job: Job, relevance: number, failed: boolean): void;
  /** Cancels the job's requests still out (the router's onCancel is told). */
  cancelOutstanding(job: Job): void;
  /** Backend index of the decision's i-th alternative that is available now, or −1. */
  alternative(job: Job, i: number): number;
  /** Number of backends available now. */
  availableCount(): number;
  /**
   * Backend b's observed latency quantile q (the {@link PatternRunner.observedQuantile} of the
   * asking runner: a run may hold several runners); NaN while too few observations.
   */
  observedLatency(b: number, q: number): number;
}

/**
 * One execution pattern as a state machine over a job: the engine calls `start` after the
 * routing decision, `response` for each completed request of a live job, `timer` for the
 * job's timers. State lives in the job's generic fields, so nothing is allocated per query.
 */
export interface PatternRunner {
  /** Whether jobs must keep their outstanding requests (so they can be cancelled). */
  readonly tracksRequests: boolean;
  /** The latency quantile the engine should track per backend (0 = none). */
  readonly observedQuantile: number;
  start(job: Job): void;
  response(job: Job, ev: SimEvent): void;
  timer(job: Job, tag: number): void;
}
