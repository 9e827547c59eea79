import { BaseRouter, type BaseRouterOptions } from "./base-router.js";
import type { Decision } from "./decision.js";
import type { Outcome, Query, RoutingContext } from "./types.js";

/** Options of the `round-robin` strategy. */
export type RoundRobinOptions = BaseRouterOptions;

/**
 * Cycles through the available backends in order, one counter for all query types.
 * Confidence is 1/n.
 */
export class RoundRobinRouter extends BaseRouter {
  private next = 0;

  /** @param options shared options */
  constructor(options: RoundRobinOptions = {}, name = "round-robin") {
    super(name, options);
  }

  select(query: Query, context: RoutingContext): Decision {
    const t = this.typeOf(query);
    this.avail.resolve(context.available, this.backends);
    const n = this.avail.n;
    if (this.next >= n) this.next = 0;
    const b = this.avail.idx[this.next++];
    this.decisions++;
    return this.decide(b, 1 / n, t);
  }

  /** Certain: the backend next in turn. */
  probabilities(query: Query, context: RoutingContext): number[] {
    this.typeOf(query);
    this.avail.resolve(context.available, this.backends);
    return this.certain(this.avail.idx[this.next >= this.avail.n ? 0 : this.next]);
  }

  record(outcome: Outcome): void {
    this.acceptOutcome(outcome);
  }

  explain(d: Decision): string {
    return `Round robin: ${d.backend} is next in turn among ${d.candidates.length} available backends.`;
  }
}
