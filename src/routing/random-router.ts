import { BaseRouter, type BaseRouterOptions } from "./base-router.js";
import type { Decision } from "./decision.js";
import type { Outcome, Query, RoutingContext } from "./types.js";

/** Options of the `random` strategy. */
export type RandomOptions = BaseRouterOptions;

/**
 * Picks an available backend uniformly at random: the baseline every learner must beat.
 * Confidence is 1/n.
 */
export class RandomRouter extends BaseRouter {
  /** @param options the seed or stream and shared options */
  constructor(options: RandomOptions = {}, name = "random") {
    super(name, options);
  }

  select(query: Query, context: RoutingContext): Decision {
    const t = this.typeOf(query);
    this.avail.resolve(context.available, this.backends);
    const n = this.avail.n;
    const b = this.avail.idx[this.rng.int(n)];
    this.decisions++;
    return this.decide(b, 1 / n, t);
  }

  /** Uniform over the available backends. */
  probabilities(query: Query, context: RoutingContext): number[] {
    this.typeOf(query);
    this.avail.resolve(context.available, this.backends);
    return new Array<number>(this.avail.n).fill(1 / this.avail.n);
  }

  record(outcome: Outcome): void {
    this.acceptOutcome(outcome);
  }

  explain(d: Decision): string {
    return `Random choice: ${d.backend}, uniformly among ${d.candidates.length} available backends.`;
  }
}
