import type { ParallelSpec } from "../../patterns/spec.js";
import type { Job, SimEvent } from "../engine/event.js";
import type { PatternHost, PatternRunner } from "./runner.js";

const RULE_ALL = 0;
const RULE_FIRST_K = 1;
const RULE_DEADLINE = 2;

/**
 * Fans out to the router's choice and its next alternatives at once and fuses the answers:
 * the query's relevance is the best successful answer. Completion by rule: all back,
 * k successes (or all back), or a deadline (or all back, if sooner).
 */
export class Parallel implements PatternRunner {
  readonly tracksRequests: boolean;
  readonly observedQuantile = 0;
  private readonly fanout: number;
  private readonly rule: number;
  private readonly k: number;
  private readonly deadline: number;
  private readonly cancel: boolean;

  /**
   * @param host the engine
   * @param spec fan-out, rule, k, deadline and cancellation
   */
  constructor(
    private readonly host: PatternHost,
    spec: ParallelSpec,
  ) {
    this.fanout =
      spec.fanout === undefined || spec.fanout === "all" ? Number.POSITIVE_INFINITY : spec.fanout;
    const rule = spec.rule ?? "all";
    this.rule = rule === "first-k" ? RULE_FIRST_K : rule === "deadline" ? RULE_DEADLINE : RULE_ALL;
    this.k = spec.k ?? 1;
    this.deadline = spec.deadlineMs ?? host.sloLatencyMs;
    this.cancel = spec.cancel ?? false;
    this.tracksRequests = this.cancel;
  }

  start(job: Job): void {
    const host = this.host;
    const n = Math.min(this.fanout, host.availableCount());
    host.dispatch(job, job.primary, 0);
    for (let i = 1; i < n; i++) {
      const b = host.alternative(job, i - 1);
      if (b < 0) break;
      host.dispatch(job, b, i);
    }
    job.attempt = job.calls; // requests sent
    if (this.rule === RULE_DEADLINE) host.setTimer(job, job.arrival + this.deadline, 0);
  }

  response(job: Job, ev: SimEvent): void {
    job.received++;
    if (!ev.failed) {
      job.succeeded++;
      job.anyOk = true;
      if (ev.relevance > job.best || job.answer < 0) {
        job.best = Math.max(job.best, ev.relevance);
        job.answer = ev.backend;
      }
    }
    const allBack = job.received === job.attempt;
    if (allBack || (this.rule === RULE_FIRST_K && job.succeeded >= this.k)) this.complete(job);
  }

  timer(job: Job): void {
    this.complete(job);
  }

  private complete(job: Job): void {
    if (this.cancel) this.host.cancelOutstanding(job);
    this.host.finish(job, job.best, !job.anyOk);
  }
}
