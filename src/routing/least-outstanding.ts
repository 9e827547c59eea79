import { BaseRouter, type BaseRouterOptions } from "./base-router.js";
import type { Decision } from "./decision.js";
import { InFlight } from "./in-flight.js";
import { twoChoiceProbabilities } from "./two-choices.js";
import type { BackendId, Outcome, Query, RoutingContext } from "./types.js";

/** Options of the `least-outstanding` strategy. */
export type LeastOutstandingOptions = BaseRouterOptions;

/**
 * Least outstanding requests with power-of-two choices (Envoy's least-request; Mitzenmacher
 * 2001): draw two distinct available backends at random and take the one with fewer requests
 * in flight (ties: the first drawn). Sampling two rather than scanning all avoids the herd
 * that a global "least busy" sends to one backend. It needs `onDispatch` and `record` /
 * `onCancel` calls to count requests in flight; without them it is random. Confidence is 1/n.
 */
export class LeastOutstandingRouter extends BaseRouter {
  private readonly inflight: InFlight;

  /** @param options the seed or stream and shared options */
  constructor(options: LeastOutstandingOptions = {}, name = "least-outstanding") {
    super(name, options);
    this.inflight = new InFlight(this.backends);
    this.inflight.grow(this.backends.size);
  }

  select(query: Query, context: RoutingContext): Decision {
    const t = this.typeOf(query);
    this.avail.resolve(context.available, this.backends);
    this.inflight.grow(this.backends.size);
    const { idx, n } = this.avail;
    const counts = this.inflight.counts;
    let pick = 0;
    if (n > 1) {
      const i = this.rng.int(n);
      let j = this.rng.int(n - 1);
      if (j >= i) j++;
      pick = counts[idx[j]] < counts[idx[i]] ? j : i;
    }
    this.decisions++;
    return this.decide(idx[pick], 1 / n, t, undefined, counts[idx[pick]]);
  }

  /** Exact: over the ordered pairs of available backends, the one with fewer in flight. */
  probabilities(query: Query, context: RoutingContext): number[] {
    this.typeOf(query);
    this.avail.resolve(context.available, this.backends);
    this.inflight.grow(this.backends.size);
    const { idx, n } = this.avail;
    const counts = this.inflight.counts;
    return twoChoiceProbabilities(
      Array.from({ length: n }, (_, i) => counts[idx[i]]),
      n,
    );
  }

  onDispatch(backend: BackendId, _now: number): void {
    this.inflight.start(this.inflight.indexOf(backend));
  }

  onCancel(backend: BackendId, _now: number): void {
    this.inflight.end(this.inflight.indexOf(backend));
  }

  record(outcome: Outcome): void {
    const b = this.acceptOutcome(outcome);
    this.inflight.grow(b + 1);
    this.inflight.end(b);
  }

  /** Requests in flight per backend. */
  inFlight(): Record<BackendId, number> {
    const out: Record<BackendId, number> = {};
    this.backends.names.forEach((b, i) => {
      out[b] = this.inflight.counts[i] ?? 0;
    });
    return out;
  }

  explain(d: Decision): string {
    if (d.candidates.length === 1) return `${d.backend} is the only available backend.`;
    return `Power of two choices: ${d.backend} had fewer requests in flight (${d.note}) of two backends drawn at random.`;
  }

  protected override details(): Record<string, unknown> {
    return { inFlight: this.inFlight() };
  }
}
