import { type BanditOptions, BanditRouter } from "./bandit-router.js";
import type { Decision } from "./decision.js";
import { RoutingInputError } from "./errors.js";

/** Options of the `ucb1` strategy. */
export interface Ucb1Options extends BanditOptions {
  /** Multiplier c of the exploration bonus c·√(2 ln N / nᵢ); default 1 (Auer et al. 2002). */
  exploration?: number;
}

/**
 * UCB1 (Auer, Cesa-Bianchi & Fischer 2002), one bandit per query type: an untried available
 * backend first, else the highest mean + c·√(2 ln N / nᵢ), N the type's outcomes. It needs no
 * randomness, so ties go to the first available. Confidence is the chosen mean.
 */
export class Ucb1Router extends BanditRouter {
  private readonly c: number;
  /** The mean reward of the backend {@link Ucb1Router.best} last chose. */
  private bestMean = 0;

  /**
   * @param options the exploration multiplier and shared bandit options
   * @throws {RoutingInputError} when the multiplier is negative or not finite
   */
  constructor(options: Ucb1Options = {}, name = "ucb1") {
    super(name, options);
    const c = options.exploration ?? 1;
    if (!(c >= 0) || !Number.isFinite(c)) {
      throw new RoutingInputError("exploration", `must be a finite number ≥ 0, got ${c}`);
    }
    this.c = c;
  }

  protected choose(t: number): Decision {
    const scores = new Array<number>(this.avail.n);
    const bestI = this.best(t, scores);
    return this.decide(this.avail.idx[bestI], this.bestMean, t, scores);
  }

  /** Certain: UCB1 draws nothing. */
  protected chances(t: number): number[] {
    return this.certain(this.avail.idx[this.best(t, new Array<number>(this.avail.n))]);
  }

  /**
   * Fills `scores` with each available backend's upper confidence bound for type row t.
   * @returns the position of the first highest bound
   */
  private best(t: number, scores: number[]): number {
    const { idx, n } = this.avail;
    const { succ, fail, stride, total } = this.table;
    const o = t * stride;
    const logN = Math.log(Math.max(total[t], 1));
    let bestI = 0;
    let bestMean = 0;
    for (let i = 0; i < n; i++) {
      const cell = o + idx[i];
      const m = succ[cell] + fail[cell];
      // An untried backend scores +∞: UCB1 tries every arm once.
      const mean = m > 0 ? succ[cell] / m : 0;
      scores[i] = m > 0 ? mean + this.c * Math.sqrt((2 * logN) / m) : Number.POSITIVE_INFINITY;
      if (scores[i] > scores[bestI]) bestI = i;
      if (i === bestI) bestMean = mean;
    }
    this.bestMean = bestMean;
    return bestI;
  }

  explain(d: Decision): string {
    const cold = this.coldReason(d);
    if (cold !== undefined) return cold;
    const i = d.candidates.indexOf(d.backend);
    const score = d.scores?.[i] ?? Number.NaN;
    return score === Number.POSITIVE_INFINITY
      ? `UCB1: ${d.backend} has no outcomes yet for "${d.queryType}", so it is tried first.`
      : `UCB1: ${d.backend} has the highest upper confidence bound (${score.toFixed(3)}; mean ${d.confidence.toFixed(3)}) for "${d.queryType}".`;
  }
}
