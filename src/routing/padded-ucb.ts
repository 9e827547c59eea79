import type { BanditOptions } from "./bandit-router.js";
import { RoutingInputError } from "./errors.js";
import { IndexRouter } from "./index-router.js";

/** Options shared by `sw-ucb` and `d-ucb`. */
export interface PaddedUcbOptions extends BanditOptions {
  /** ξ in the padding (Garivier & Moulines need ξ > ½); default 0.6. */
  xi?: number;
  /** B, the bound on rewards (1 for rewards in [0, 1]); default 1. */
  bound?: number;
}

/**
 * The index rule Garivier & Moulines (2011) share between their discounted and sliding-window
 * UCBs: mean + k·B·√(ξ ln n / N), where the mean, N (the backend's weight) and n (the row's
 * total weight) come from the forgetting table, an untried backend first.
 * Subclasses set the table's forgetting and k (1 for the window, 2 for the discount).
 */
export abstract class PaddedUcbRouter extends IndexRouter {
  readonly xi: number;
  readonly bound: number;
  private readonly k: number;

  /**
   * @param name the strategy name
   * @param options ξ, B and the shared bandit options (forgetting set by the subclass)
   * @param k the padding's multiplier
   * @throws {RoutingInputError} when ξ or B is not a finite number > 0
   */
  constructor(name: string, options: PaddedUcbOptions, k: number) {
    super(name, options);
    const xi = options.xi ?? 0.6;
    const bound = options.bound ?? 1;
    if (!(xi > 0 && Number.isFinite(xi))) {
      throw new RoutingInputError("xi", `must be a finite number > 0, got ${xi}`);
    }
    if (!(bound > 0 && Number.isFinite(bound))) {
      throw new RoutingInputError("bound", `must be a finite number > 0, got ${bound}`);
    }
    this.xi = xi;
    this.bound = bound;
    this.k = k;
  }

  protected readonly title = this.name;
  protected readonly indexLabel = "upper confidence bound over recent outcomes";
  private pad = 0;

  protected prepare(t: number): void {
    this.pad =
      this.k * this.bound * Math.sqrt(this.xi * Math.log(Math.max(this.table.total[t], 1)));
  }

  protected index(mean: number, count: number): number {
    return mean + this.pad / Math.sqrt(count);
  }
}
