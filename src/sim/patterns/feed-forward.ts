import type { Job, SimEvent } from "../engine/event.js";
import type { PatternHost, PatternRunner } from "./runner.js";

/** One request to the router's choice; its answer is the query's. */
export class FeedForward implements PatternRunner {
  readonly tracksRequests = false;
  readonly observedQuantile = 0;

  /** @param host the engine */
  constructor(private readonly host: PatternHost) {}

  start(job: Job): void {
    this.host.dispatch(job, job.primary, 0);
  }

  response(job: Job, ev: SimEvent): void {
    job.answer = ev.backend;
    this.host.finish(job, ev.relevance, ev.failed);
  }

  timer(): void {}
}
