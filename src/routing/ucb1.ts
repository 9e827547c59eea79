import type { BanditOptions } from "./bandit-router.js";
import { RoutingInputError } from "./errors.js";
import { IndexRouter } from "./index-router.js";

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
export class Ucb1Router extends IndexRouter {
  private readonly c: number;

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

  protected readonly title = "UCB1";
  protected readonly indexLabel = "upper confidence bound";
  private logN = 0;

  protected prepare(t: number): void {
    this.logN = Math.log(Math.max(this.table.total[t], 1));
  }

  protected index(mean: number, count: number): number {
    return mean + this.c * Math.sqrt((2 * this.logN) / count);
  }
}
