import { BaseRouter, type BaseRouterOptions } from "./base-router.js";
import type { Decision } from "./decision.js";
import { RoutingInputError } from "./errors.js";
import type { BackendId, Outcome, Query, QueryType, RoutingContext } from "./types.js";

/** Options of a {@link FixedShareRouter}. */
export interface FixedShareOptions extends BaseRouterOptions {
  /**
   * Share of each backend per query type, e.g. `{ similarity: { qdrant: 0.9, hybrid: 0.1 } }`;
   * weights need not sum to 1. `default` covers types not listed.
   */
  shares: Readonly<Record<QueryType, Readonly<Record<BackendId, number>>>>;
}

/**
 * Routes each query type to backends at fixed shares, as a recorded system did: replaying a
 * trace's routing mix in the simulator, so a fitted scenario is judged under the traffic that
 * produced the trace. Shares are renormalised over the backends available now; when none of a
 * type's backends is available (an outage, or traffic moved off it) the choice is uniform over
 * the available ones. Alternatives rank by share, so a hedge or a retry goes to the type's
 * next most used backend. It does not learn.
 *
 * @example
 * const r = new FixedShareRouter({ seed: 1, shares: { similarity: { qdrant: 0.9, hybrid: 0.1 } } });
 * r.select({ type: "similarity" }, { available: ["qdrant", "hybrid"] }).backend; // qdrant 90 %
 */
export class FixedShareRouter extends BaseRouter {
  /** Weight per (type index, backend index), grown as names are interned. */
  private readonly weights: number[][] = [];
  private readonly fallback: number[] = [];
  private scratch = new Float64Array(8);

  /**
   * @param options shares and shared options
   * @param name the strategy name decisions carry (default `fixed-share`)
   * @throws {RoutingInputError} when a share is negative or not finite
   */
  constructor(options: FixedShareOptions, name = "fixed-share") {
    super(name, options);
    if (typeof options?.shares !== "object" || options.shares === null) {
      throw new RoutingInputError("shares", "must map query types to backend shares");
    }
    for (const [type, row] of Object.entries(options.shares)) {
      const weights: number[] = [];
      for (const [backend, w] of Object.entries(row)) {
        if (!(Number.isFinite(w) && w >= 0)) {
          throw new RoutingInputError(`shares.${type}.${backend}`, `must be ≥ 0, got ${w}`);
        }
        weights[this.backends.intern(backend)] = w;
      }
      if (type === "default") this.fallback.push(...Array.from(weights, (w) => w ?? 0));
      else this.weights[this.types.intern(type)] = Array.from(weights, (w) => w ?? 0);
    }
  }

  select(query: Query, context: RoutingContext): Decision {
    const t = this.typeOf(query);
    this.avail.resolve(context.available, this.backends);
    const { idx, n } = this.avail;
    const row = this.weights[t] ?? this.fallback;
    if (this.scratch.length < n) this.scratch = new Float64Array(2 * n);
    const w = this.scratch;
    let total = 0;
    for (let i = 0; i < n; i++) {
      w[i] = row[idx[i]] ?? 0;
      total += w[i];
    }
    if (!(total > 0)) {
      for (let i = 0; i < n; i++) w[i] = 1;
      total = n;
    }
    let u = this.rng.next() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      u -= w[i];
      if (u < 0 && w[i] > 0) {
        pick = i;
        break;
      }
    }
    this.decisions++;
    return this.decide(idx[pick], w[pick] / total, t, Array.from(w.subarray(0, n)));
  }

  record(outcome: Outcome): void {
    this.acceptOutcome(outcome);
  }

  explain(d: Decision): string {
    return `Fixed shares for ${d.queryType}: ${d.backend} with probability ${(d.confidence * 100).toFixed(1)} %.`;
  }
}
