import type { RecursiveSpec } from "../../patterns/spec.js";
import type { Job, SimEvent } from "../engine/event.js";
import type { PatternHost, PatternRunner } from "./runner.js";

/**
 * Re-routes to the decision's next alternative while the best relevance so far is below the
 * threshold or the last request failed, up to `maxIterations` requests in sequence.
 */
export class Recursive implements PatternRunner {
  readonly tracksRequests = false;
  readonly observedQuantile = 0;
  private readonly threshold: number;
  private readonly maxIterations: number;

  /**
   * @param host the engine
   * @param spec threshold (default the SLO's minRelevance) and maxIterations (default 3)
   */
  constructor(
    private readonly host: PatternHost,
    spec: RecursiveSpec,
  ) {
    this.threshold = spec.threshold ?? host.minRelevance;
    this.maxIterations = spec.maxIterations ?? 3;
  }

  start(job: Job): void {
    job.attempt = 1;
    job.nextAlternative = 0;
    this.host.dispatch(job, job.primary, 0);
  }

  response(job: Job, ev: SimEvent): void {
    if (!ev.failed) {
      job.anyOk = true;
      if (ev.relevance > job.best || job.answer < 0) {
        job.best = Math.max(job.best, ev.relevance);
        job.answer = ev.backend;
      }
    }
    if (job.anyOk && job.best >= this.threshold) {
      this.host.finish(job, job.best, false);
      return;
    }
    const next =
      job.attempt < this.maxIterations ? this.host.alternative(job, job.nextAlternative++) : -1;
    if (next < 0) {
      this.host.finish(job, job.best, !job.anyOk);
      return;
    }
    job.attempt++;
    this.host.dispatch(job, next, job.attempt - 1);
  }

  timer(): void {}
}
