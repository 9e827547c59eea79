import { DelegatingRouter } from "./delegating-router.js";
import type { ThompsonRouter } from "./thompson.js";
import type {
  BackendId,
  Outcome,
  Query,
  QueryType,
  RoutingContext,
  RoutingDecision,
} from "./types.js";

/** One arm's Beta posterior at a checkpoint. */
export interface PosteriorArm {
  backend: BackendId;
  alpha: number;
  beta: number;
  /** Posterior mean α / (α + β). */
  mean: number;
  /** The arm's true success probability at that moment (the oracle's expected reward). */
  truth: number;
}

/** The posteriors of one query type's arms after a number of routed queries. */
export interface PosteriorSnapshot {
  /** Queries routed (of every type) before the snapshot. */
  queries: number;
  /** Virtual time of the snapshot, ms. */
  timeMs: number;
  arms: PosteriorArm[];
}

/** What a {@link PosteriorWatcher} watches. */
export interface PosteriorWatcherOptions {
  /** Whose bandit to watch. */
  queryType: QueryType;
  /** The arms, in the order the snapshots list them. */
  backends: readonly BackendId[];
  /** Snapshot just before routing query number `checkpoints[k]`; ascending. */
  checkpoints: readonly number[];
  /** An arm's true success probability at a time, ms (e.g. a scenario's expected reward). */
  truth: (backend: BackendId, now: number) => number;
}

/**
 * Passes decisions through to a Thompson router and, just before routing query number
 * `checkpoints[k]`, records the posteriors of one query type's arms with the arms' true
 * success probabilities at that moment. It changes no decision and draws nothing, so a run
 * with the watcher routes exactly as one without it.
 *
 * @example
 * const watcher = new PosteriorWatcher(thompson, { queryType: "similarity", backends,
 *   checkpoints: [1000, 5000], truth: (b, now) => compiled.expectedReward(ty, index(b), now) });
 */
export class PosteriorWatcher extends DelegatingRouter<ThompsonRouter> {
  /** The snapshots taken so far, in checkpoint order. */
  readonly snapshots: PosteriorSnapshot[] = [];
  private routed = 0;
  private next = 0;
  private lastNow = 0;

  /**
   * @param inner the Thompson router to watch
   * @param options query type, arms, checkpoints and the arms' truth
   */
  constructor(
    inner: ThompsonRouter,
    private readonly options: PosteriorWatcherOptions,
  ) {
    super(inner);
  }

  private snapshot(now: number): void {
    const arms = this.inner
      .posterior(this.options.queryType, this.options.backends)
      .map((p) => ({ ...p, truth: this.options.truth(p.backend, now) }));
    this.snapshots.push({ queries: this.routed, timeMs: now, arms });
    this.next++;
  }

  /** Takes the snapshots still due (those at the run's end), at the last time seen. */
  finish(): void {
    const { checkpoints } = this.options;
    while (this.next < checkpoints.length && checkpoints[this.next] <= this.routed) {
      this.snapshot(this.lastNow);
    }
  }

  override select(query: Query, context: RoutingContext): RoutingDecision {
    const now = context.now ?? this.lastNow;
    this.lastNow = now;
    const { checkpoints } = this.options;
    while (this.next < checkpoints.length && checkpoints[this.next] === this.routed) {
      this.snapshot(now);
    }
    this.routed++;
    return super.select(query, context);
  }

  override record(outcome: Outcome): void {
    if (outcome.now !== undefined && outcome.now > this.lastNow) this.lastNow = outcome.now;
    super.record(outcome);
  }
}
