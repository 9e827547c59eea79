import { performance } from "node:perf_hooks";
import { BaseRouter, type BaseRouterOptions } from "./base-router.js";
import type { Decision } from "./decision.js";
import { RoutingInputError } from "./errors.js";
import { InFlight } from "./in-flight.js";
import { type SuccessOption, successRule } from "./reward.js";
import { twoChoiceProbabilities } from "./two-choices.js";
import type { BackendId, Outcome, Query, RoutingContext, SuccessRule } from "./types.js";

/** Options of the `peak-ewma` strategy. */
export interface PeakEwmaOptions extends BaseRouterOptions {
  /** Decay time τ of the latency EWMA in ms; default 10,000 (Finagle's and Linkerd's). */
  decayMs?: number;
  /** `p2c` (default): compare two random backends, as Finagle and Linkerd do; `all`: scan all. */
  choices?: "p2c" | "all";
  /**
   * Record failures (by the success rule) as at least this latency, so a backend that fails
   * fast does not look fast. Off by default (pure latency, as in Finagle).
   */
  failurePenaltyMs?: number;
  /** The success rule `failurePenaltyMs` uses; default relevance > 0.7 and latency < 2000 ms. */
  success?: SuccessOption;
}

// Finagle's penalty for a backend with requests in flight but no latency observed yet: it
// gets one request at a time until its first response.
const PENALTY = 1e12;

/**
 * Peak-EWMA load balancing (Finagle, Linkerd): each backend's cost is its latency EWMA times
 * (requests in flight + 1). The EWMA jumps up to any latency above it (the "peak") and decays
 * towards lower ones with weight exp(−Δt/τ); while a backend is idle its cost decays towards
 * zero with the same time constant, so a backend that was slow gets retried. It works only
 * from observed outcomes (`record`) and in-flight counts (`onDispatch`, `record`,
 * `onCancel`). Times come from `context.now` / `outcome.now` (virtual time in simulations),
 * else `performance.now()`. Confidence is 1/n.
 */
export class PeakEwmaRouter extends BaseRouter {
  private readonly tau: number;
  private readonly all: boolean;
  private readonly penaltyMs: number | undefined;
  private readonly success: SuccessRule;
  private readonly inflight: InFlight;
  private ewma = new Float64Array(8);
  private stamp = new Float64Array(8);

  /**
   * @param options decay time, choice mode, failure penalty and shared options
   * @throws {RoutingInputError} when the decay time or penalty is not positive
   */
  constructor(options: PeakEwmaOptions = {}, name = "peak-ewma") {
    super(name, options);
    const tau = options.decayMs ?? 10_000;
    if (!(tau > 0) || !Number.isFinite(tau)) {
      throw new RoutingInputError("decayMs", `must be a positive finite number, got ${tau}`);
    }
    const choices = options.choices ?? "p2c";
    if (choices !== "p2c" && choices !== "all") {
      throw new RoutingInputError("choices", `must be "p2c" or "all", got ${choices}`);
    }
    const penalty = options.failurePenaltyMs;
    if (penalty !== undefined && !(penalty >= 0 && Number.isFinite(penalty))) {
      throw new RoutingInputError(
        "failurePenaltyMs",
        `must be a finite number ≥ 0, got ${penalty}`,
      );
    }
    this.tau = tau;
    this.all = choices === "all";
    this.penaltyMs = penalty;
    this.success = successRule(options.success);
    this.inflight = new InFlight(this.backends);
    this.grow();
  }

  select(query: Query, context: RoutingContext): Decision {
    const t = this.typeOf(query);
    this.avail.resolve(context.available, this.backends);
    this.grow();
    const now = context.now ?? performance.now();
    const { idx, n } = this.avail;
    let pick = 0;
    let cost = this.cost(idx[0], now);
    if (this.all) {
      for (let i = 1; i < n; i++) {
        const c = this.cost(idx[i], now);
        if (c < cost) {
          cost = c;
          pick = i;
        }
      }
    } else if (n > 1) {
      const i = this.rng.int(n);
      let j = this.rng.int(n - 1);
      if (j >= i) j++;
      const ci = this.cost(idx[i], now);
      const cj = this.cost(idx[j], now);
      pick = cj < ci ? j : i;
      cost = Math.min(ci, cj);
    }
    this.decisions++;
    return this.decide(idx[pick], 1 / n, t, undefined, cost);
  }

  /**
   * Exact: with `choices: "all"` the first lowest cost, certain; with `p2c`, over the ordered
   * pairs of available backends, the lower cost (costs at `context.now`).
   */
  probabilities(query: Query, context: RoutingContext): number[] {
    this.typeOf(query);
    this.avail.resolve(context.available, this.backends);
    this.grow();
    const now = context.now ?? performance.now();
    const { idx, n } = this.avail;
    const costs = Array.from({ length: n }, (_, i) => this.cost(idx[i], now));
    if (!this.all) return twoChoiceProbabilities(costs, n);
    let pick = 0;
    for (let i = 1; i < n; i++) if (costs[i] < costs[pick]) pick = i;
    return this.certain(idx[pick]);
  }

  onDispatch(backend: BackendId, _now: number): void {
    const b = this.inflight.indexOf(backend);
    this.grow();
    this.inflight.start(b);
  }

  onCancel(backend: BackendId, _now: number): void {
    const b = this.inflight.indexOf(backend);
    this.grow();
    this.inflight.end(b);
  }

  record(outcome: Outcome): void {
    const b = this.acceptOutcome(outcome);
    this.grow();
    this.inflight.end(b);
    let rtt = outcome.latencyMs;
    const penalty = this.penaltyMs;
    if (penalty !== undefined && rtt < penalty && !(outcome.success ?? this.success(outcome))) {
      rtt = penalty;
    }
    const now = outcome.now ?? performance.now();
    const dt = Math.max(now - this.stamp[b], 0);
    const w = Math.exp(-dt / this.tau);
    const prev = this.ewma[b];
    this.ewma[b] = rtt > prev ? rtt : prev * w + rtt * (1 - w);
    this.stamp[b] = now;
  }

  /** The load cost of backend index b at time `now`. */
  private cost(b: number, now: number): number {
    const active = this.inflight.counts[b];
    const prev = this.ewma[b];
    if (prev === 0) return active === 0 ? 0 : PENALTY + active;
    const dt = now - this.stamp[b];
    const decayed = dt > 0 ? prev * Math.exp(-dt / this.tau) : prev;
    return decayed * (active + 1);
  }

  private grow(): void {
    const n = this.backends.size;
    this.inflight.grow(n);
    if (n > this.ewma.length) {
      const size = Math.max(n, this.ewma.length * 2);
      const e = new Float64Array(size);
      e.set(this.ewma);
      const s = new Float64Array(size);
      s.set(this.stamp);
      this.ewma = e;
      this.stamp = s;
    }
  }

  /**
   * The latency EWMA and in-flight count per backend, for plots.
   * @param now the time to decay to; default no decay
   */
  loads(now?: number): Record<BackendId, { ewmaMs: number; inFlight: number; cost: number }> {
    const out: Record<BackendId, { ewmaMs: number; inFlight: number; cost: number }> = {};
    this.grow();
    this.backends.names.forEach((name, b) => {
      out[name] = {
        ewmaMs: this.ewma[b],
        inFlight: this.inflight.counts[b],
        cost: this.cost(b, now ?? this.stamp[b]),
      };
    });
    return out;
  }

  explain(d: Decision): string {
    if (d.candidates.length === 1) return `${d.backend} is the only available backend.`;
    const how = this.all ? "of all available backends" : "of two backends drawn at random";
    return `Peak EWMA: ${d.backend} had the lower load cost (latency EWMA × (in flight + 1) = ${Number(d.note).toFixed(1)}) ${how}.`;
  }

  protected override details(): Record<string, unknown> {
    return { decayMs: this.tau, loads: this.loads() };
  }
}
