import { BanditRouter } from "./bandit-router.js";
import type { Decision } from "./decision.js";

/**
 * The shape every upper-confidence-bound bandit shares (ucb1, kl-ucb, sw-ucb, d-ucb): per
 * query type, an untried available backend first, else the highest index computed from the
 * backend's mean reward and (possibly forgotten) count; ties go to the first available, no
 * randomness is used, and confidence is the chosen mean. Subclasses give the index.
 */
export abstract class IndexRouter extends BanditRouter {
  /** The policy's name in explanations, e.g. "KL-UCB". */
  protected abstract readonly title: string;
  /** What the index is called in explanations, e.g. "KL upper confidence bound". */
  protected abstract readonly indexLabel: string;

  /**
   * Sets up what the index needs from type row t before its backends are scored (e.g. ln t).
   * @param t the type row
   */
  protected abstract prepare(t: number): void;

  /**
   * @param mean the backend's mean reward in [0, 1]
   * @param count its count (> 0; fractional under forgetting)
   * @returns its index
   */
  protected abstract index(mean: number, count: number): number;

  protected choose(t: number): Decision {
    const scores = new Array<number>(this.avail.n);
    const bestI = this.best(t, scores);
    return this.decide(this.avail.idx[bestI], this.bestMean, t, scores);
  }

  /** Certain: no randomness is used. */
  protected chances(t: number): number[] {
    return this.certain(this.avail.idx[this.best(t, new Array<number>(this.avail.n))]);
  }

  /** The mean reward of the backend {@link IndexRouter.best} last chose. */
  private bestMean = 0;

  /**
   * Fills `scores` with each available backend's index for type row t.
   * @returns the position of the first highest index
   */
  private best(t: number, scores: number[]): number {
    const { idx, n } = this.avail;
    const { succ, fail, stride } = this.table;
    const o = t * stride;
    this.prepare(t);
    let bestI = 0;
    let bestMean = 0;
    for (let i = 0; i < n; i++) {
      const cell = o + idx[i];
      const m = succ[cell] + fail[cell];
      const mean = m > 0 ? Math.min(Math.max(succ[cell] / m, 0), 1) : 0;
      // An untried backend scores +∞, so every backend is tried once.
      scores[i] = m > 0 ? this.index(mean, m) : Number.POSITIVE_INFINITY;
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
      ? `${this.title}: ${d.backend} has no outcomes yet for "${d.queryType}", so it is tried first.`
      : `${this.title}: ${d.backend} has the highest ${this.indexLabel} (${score.toFixed(3)}; mean ${d.confidence.toFixed(3)}) for "${d.queryType}".`;
  }
}
