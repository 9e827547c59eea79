import { type HedgedSpec, hedgeDelay } from "../../patterns/spec.js";
import type { Job, SimEvent } from "../engine/event.js";
import type { PatternHost, PatternRunner } from "./runner.js";

/**
 * Sends to the router's choice and, if no answer came within the hedge delay, a backup to the
 * first alternative (or the same backend). The first successful answer completes the query;
 * if both fail, the last failure does. With `cancel`, the loser is cancelled.
 */
export class Hedged implements PatternRunner {
  readonly tracksRequests: boolean;
  readonly observedQuantile: number;
  private readonly fixedDelay: number;
  private readonly same: boolean;
  private readonly cancel: boolean;

  /**
   * @param host the engine
   * @param spec delay (ms or pNN; default p95), backup target and cancellation
   */
  constructor(
    private readonly host: PatternHost,
    spec: HedgedSpec,
  ) {
    const delay = hedgeDelay(spec.delay ?? "p95");
    this.fixedDelay = "ms" in delay ? delay.ms : Number.NaN;
    this.observedQuantile = "quantile" in delay ? delay.quantile : 0;
    this.same = spec.backup === "same";
    this.cancel = spec.cancel ?? false;
    this.tracksRequests = this.cancel;
  }

  start(job: Job): void {
    const host = this.host;
    host.dispatch(job, job.primary, 0);
    const delay = this.observedQuantile > 0 ? host.observedLatency(job.primary) : this.fixedDelay;
    // NaN (too few observations yet): no hedge for this query.
    if (!Number.isNaN(delay)) {
      if (delay === 0) this.timer(job);
      else host.setTimer(job, host.now + delay, 0);
    }
  }

  response(job: Job, ev: SimEvent): void {
    job.received++;
    if (!ev.failed) {
      if (this.cancel) this.host.cancelOutstanding(job);
      job.answer = ev.backend;
      this.host.finish(job, ev.relevance, false);
      return;
    }
    // Every request sent has failed: give up (a backup not yet due is never sent).
    if (job.received === job.calls) this.host.finish(job, 0, true);
  }

  timer(job: Job): void {
    if (job.attempt === 1) return; // backup already sent
    job.attempt = 1;
    const b = this.same ? job.primary : this.host.alternative(job, 0);
    if (b >= 0) this.host.dispatch(job, b, 1);
  }
}
