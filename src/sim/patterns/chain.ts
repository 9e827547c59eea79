import type { ChainSpec } from "../../patterns/spec.js";
import type { Job, SimEvent } from "../engine/event.js";
import type { PatternHost, PatternRunner } from "./runner.js";

/**
 * A sequential pipeline over the router's choice and its next alternatives: each stage runs
 * after the previous answers; a failed stage breaks the pipeline.
 *
 * The caller gets the **final stage's answer**: a pipeline's output is what its last stage
 * produced (each stage refines the previous one's), so an early stage's better relevance does
 * not reach the caller. A failed stage fails the query.
 */
export class Chain implements PatternRunner {
  readonly tracksRequests = false;
  readonly observedQuantile = 0;
  private readonly stages: number;

  /**
   * @param host the engine
   * @param spec stages (default 2)
   */
  constructor(
    private readonly host: PatternHost,
    spec: ChainSpec,
  ) {
    this.stages = spec.stages ?? 2;
  }

  start(job: Job): void {
    job.attempt = 1;
    job.nextAlternative = 0;
    this.host.dispatch(job, job.primary, 0);
  }

  response(job: Job, ev: SimEvent): void {
    if (ev.failed) {
      this.host.finish(job, 0, true);
      return;
    }
    const next = job.attempt < this.stages ? this.host.alternative(job, job.nextAlternative++) : -1;
    if (next < 0) {
      job.answer = ev.backend;
      this.host.finish(job, ev.relevance, false);
      return;
    }
    job.attempt++;
    this.host.dispatch(job, next, job.attempt - 1);
  }

  timer(): void {}
}
