import type { PatternSpec } from "../../patterns/spec.js";
import { COMPLETION, Job, SimEvent, TIMER } from "../engine/event.js";
import { EventHeap } from "../engine/event-heap.js";
import { createPatternRunner } from "../patterns/create.js";
import type { PatternHost, PatternRunner } from "../patterns/runner.js";

/** One request's answer, as a script or a model draw gives it. */
export interface Answer {
  latency: number;
  relevance: number;
  failed: boolean;
}

/** What the caller of one query gets back, and what it cost. */
export interface QueryAnswer {
  /** When the pattern returned, ms after arrival. */
  latency: number;
  /** Relevance of the answer returned (0 when failed). */
  relevance: number;
  /** No usable answer came back. */
  failed: boolean;
  /** Requests sent. */
  calls: number;
}

/**
 * Answers the n-th request (0, 1, …) sent to backend b during one query.
 */
export type Respond = (b: number, n: number) => Answer;

/**
 * Runs one query through an execution pattern with answers given up front: the engine's own
 * pattern code (the same {@link PatternRunner}s) on a private event list, with no load, no
 * router and no clock but the query's. It serves the oracle's Monte Carlo tables, where the
 * answers are model draws, and the tests that pin down what each pattern returns to the caller,
 * where they are hand-made.
 *
 * @example
 * const q = new SingleQuery({ name: "parallel", fanout: 2, rule: "first-k" }, { minRelevance: 0.7, sloLatencyMs: 200 });
 * q.run([0, 1], 2, (b) => (b === 0 ? { latency: 5, relevance: 0.2, failed: false } : { latency: 50, relevance: 0.9, failed: false }));
 */
export class SingleQuery implements PatternHost {
  now = 0;
  readonly minRelevance: number;
  readonly sloLatencyMs: number;
  private readonly runner: PatternRunner;
  private readonly job = new Job();
  private readonly pending = new EventHeap();
  private order: readonly number[] = [];
  private available = 0;
  private respond: Respond = () => ({ latency: 0, relevance: 0, failed: true });
  /** Requests sent to each backend in the current query. */
  private sent = new Int32Array(0);
  /** Events reused across queries: a query sends a handful of requests, millions of times. */
  private readonly pool: SimEvent[] = [];
  private quantiles: ArrayLike<number> = [];
  private seq = 0;
  private result: QueryAnswer | null = null;

  /**
   * @param pattern the execution pattern
   * @param slo the SLO (patterns read its relevance bound and latency as defaults)
   */
  constructor(pattern: PatternSpec, slo: { minRelevance: number; sloLatencyMs: number }) {
    this.minRelevance = slo.minRelevance;
    this.sloLatencyMs = slo.sloLatencyMs;
    this.runner = createPatternRunner(pattern, this);
  }

  /** The latency quantile the pattern watches per backend (0 = none), e.g. 0.95 for a p95 hedge. */
  get observedQuantile(): number {
    return this.runner.observedQuantile;
  }

  /**
   * Runs one query.
   *
   * @param order the decision: primary first, then the alternatives, as backend indices
   * @param available how many backends are available (parallel's `fanout: all` uses it)
   * @param respond the answer of each request
   * @param quantiles per backend, the latency quantile a percentile hedge waits for
   * @returns what the caller gets
   * @throws {Error} if the pattern never completes the query (a bug in a pattern)
   */
  run(
    order: readonly number[],
    available: number,
    respond: Respond,
    quantiles: ArrayLike<number> = [],
  ): QueryAnswer {
    this.order = order;
    this.available = available;
    this.respond = respond;
    this.quantiles = quantiles;
    // Requests only go to backends of the order.
    let top = 0;
    for (const b of order) if (b > top) top = b;
    if (this.sent.length <= top) this.sent = new Int32Array(top + 1);
    this.sent.fill(0);
    while (this.pending.size > 0) this.pool.push(this.pending.pop());
    this.now = 0;
    this.result = null;
    const job = this.job;
    job.generation++;
    job.arrival = 0;
    job.primary = order[0];
    job.calls = 0;
    job.received = 0;
    job.succeeded = 0;
    job.best = 0;
    job.anyOk = false;
    job.attempt = 0;
    job.nextAlternative = 0;
    job.outstanding.length = 0;
    this.runner.start(job);
    while (this.result === null) {
      if (this.pending.size === 0) throw new Error("the pattern left a query unanswered");
      const ev = this.pending.pop();
      this.pool.push(ev);
      this.now = ev.time;
      if (ev.cancelled) continue;
      if (ev.kind === TIMER) this.runner.timer(job, ev.tag);
      else {
        const out = job.outstanding;
        const i = out.indexOf(ev);
        if (i >= 0) out.splice(i, 1);
        this.runner.response(job, ev);
      }
    }
    return this.result;
  }

  dispatch(job: Job, b: number, tag: number): void {
    const n = this.sent[b]++;
    const a = this.respond(b, n);
    const ev = this.event();
    ev.kind = COMPLETION;
    ev.job = job;
    ev.tag = tag;
    ev.backend = b;
    ev.latency = a.latency;
    ev.relevance = a.failed ? 0 : a.relevance;
    ev.failed = a.failed;
    this.push(ev, this.now + a.latency);
    job.calls++;
    if (this.runner.tracksRequests) job.outstanding.push(ev);
  }

  setTimer(job: Job, at: number, tag: number): void {
    const ev = this.event();
    ev.kind = TIMER;
    ev.job = job;
    ev.tag = tag;
    this.push(ev, Math.max(at, this.now));
  }

  finish(job: Job, relevance: number, failed: boolean): void {
    if (this.result !== null) return;
    this.result = {
      latency: this.now,
      relevance: failed ? 0 : relevance,
      failed,
      calls: job.calls,
    };
  }

  cancelOutstanding(job: Job): void {
    for (const ev of job.outstanding) ev.cancelled = true;
    job.outstanding.length = 0;
  }

  alternative(_job: Job, i: number): number {
    return i + 1 < this.order.length ? this.order[i + 1] : -1;
  }

  availableCount(): number {
    return this.available;
  }

  observedLatency(b: number): number {
    return b < this.quantiles.length ? this.quantiles[b] : Number.NaN;
  }

  /** A pooled event, reset. */
  private event(): SimEvent {
    const ev = this.pool.pop() ?? new SimEvent();
    ev.cancelled = false;
    return ev;
  }

  private push(ev: SimEvent, time: number): void {
    ev.time = time;
    ev.seq = this.seq++;
    this.pending.push(ev);
  }
}
