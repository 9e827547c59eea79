import { type BanditOptions, BanditRouter } from "./bandit-router.js";
import type { Decision } from "./decision.js";
import { RoutingInputError } from "./errors.js";

/** Options of the `epsilon-greedy` strategy. */
export interface EpsilonGreedyOptions extends BanditOptions {
  /** Probability of exploring (a uniformly random available backend); default 0.1. */
  epsilon?: number;
  /** Mean reward assumed for a backend with no outcomes yet; default 1 (optimistic). */
  initialValue?: number;
}

const EXPLORE = 1;
const EXPLOIT = 0;

/**
 * ε-greedy, one bandit per query type: with probability ε a uniformly random available
 * backend, otherwise the one with the highest mean reward (ties: first available). Unseen
 * backends count as `initialValue`, so each is tried early. Confidence is the chosen mean.
 */
export class EpsilonGreedyRouter extends BanditRouter {
  readonly epsilon: number;
  private readonly initialValue: number;

  /**
   * @param options ε, the initial value and shared bandit options
   * @throws {RoutingInputError} when ε is outside [0, 1] or the initial value is not finite
   */
  constructor(options: EpsilonGreedyOptions = {}, name = "epsilon-greedy") {
    super(name, options);
    const epsilon = options.epsilon ?? 0.1;
    if (!(epsilon >= 0 && epsilon <= 1)) {
      throw new RoutingInputError("epsilon", `must be in [0, 1], got ${epsilon}`);
    }
    const initialValue = options.initialValue ?? 1;
    if (!Number.isFinite(initialValue)) {
      throw new RoutingInputError("initialValue", `must be a finite number, got ${initialValue}`);
    }
    this.epsilon = epsilon;
    this.initialValue = initialValue;
  }

  protected choose(t: number): Decision {
    const { idx, n } = this.avail;
    const means = new Array<number>(n);
    let bestI = this.greedy(t, means);
    let how = EXPLOIT;
    if (this.rng.next() < this.epsilon) {
      how = EXPLORE;
      bestI = this.rng.int(n);
    }
    const mean = means[bestI];
    return this.decide(idx[bestI], Math.min(Math.max(mean, 0), 1), t, means, how);
  }

  /** ε/n for every available backend, plus 1 − ε for the greedy one. */
  protected chances(t: number): number[] {
    const n = this.avail.n;
    const p = new Array<number>(n).fill(this.epsilon / n);
    p[this.greedy(t, new Array<number>(n))] += 1 - this.epsilon;
    return p;
  }

  /**
   * Fills `means` with each available backend's mean reward for type row t.
   * @returns the position of the first highest mean
   */
  private greedy(t: number, means: number[]): number {
    const { idx, n } = this.avail;
    const { succ, fail, stride } = this.table;
    const o = t * stride;
    let bestI = 0;
    for (let i = 0; i < n; i++) {
      const c = o + idx[i];
      const m = succ[c] + fail[c];
      means[i] = m > 0 ? succ[c] / m : this.initialValue;
      if (means[i] > means[bestI]) bestI = i;
    }
    return bestI;
  }

  explain(d: Decision): string {
    const cold = this.coldReason(d);
    if (cold !== undefined) return cold;
    return d.note === EXPLORE
      ? `ε-greedy explored (probability ${this.epsilon}): ${d.backend}, uniformly among ${d.candidates.length} available backends.`
      : `ε-greedy exploited: ${d.backend} has the highest mean reward (${d.confidence.toFixed(3)}) for "${d.queryType}".`;
  }
}
