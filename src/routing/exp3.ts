import { BaseRouter, type BaseRouterOptions } from "./base-router.js";
import { Decision } from "./decision.js";
import { RoutingInputError } from "./errors.js";
import {
  type RewardFunction,
  type RewardOption,
  rewardFunction,
  type SuccessOption,
  successRule,
} from "./reward.js";
import type { Outcome, Query, RoutingContext } from "./types.js";

/** Options of the `exp3` strategy. */
export interface Exp3Options extends BaseRouterOptions {
  /** Exploration γ in (0, 1]; default 0.1, or the tuned value when `horizon` is given. */
  gamma?: number;
  /**
   * Decisions expected per query type, T: sets γ = min(1, √(K ln K / ((e − 1) T))) with K the
   * number of backends, the choice under which Auer et al. bound the expected static regret
   * by 2√(e − 1)·√(T K ln K). Not combined with `gamma`.
   */
  horizon?: number;
  /** What counts as a success; default relevance > 0.7 and latency < 2000 ms. */
  success?: SuccessOption;
  /** What the bandit learns; default `{ kind: "success" }`. */
  reward?: RewardOption;
}

/** Exp3's default γ without a horizon. */
export const DEFAULT_EXP3_GAMMA = 0.1;

/**
 * Exp3 (Auer, Cesa-Bianchi, Freund & Schapire 2002), one bandit per query type, for rewards
 * that an adversary may set: backend i is drawn with probability
 * pᵢ = (1 − γ)·wᵢ/Σw + γ/K over the K available backends, and an outcome of the drawn backend
 * with reward r multiplies its weight by exp(γ·(r/pᵢ)/K) (the importance-weighted estimate
 * r/pᵢ is unbiased). Outcomes of other backends (fan-out, hedges) are ignored: their
 * probability of being observed is not pᵢ. Confidence is the chosen backend's pᵢ.
 *
 * Weights are kept as logarithms, shifted by their maximum when drawn: a weight grows by up
 * to e per outcome, which overflows a double after ~700 outcomes.
 *
 * @example const r = new Exp3Router({ horizon: 100_000, seed: 1 });
 */
export class Exp3Router extends BaseRouter {
  readonly gamma: number;
  private readonly reward: RewardFunction;
  /** log wᵢ per (type, backend), `[type * stride + backend]`. */
  private logW = new Float64Array(0);
  private stride = 0;
  private rows = 0;

  /**
   * @param options γ or a horizon, reward and shared options
   * @param name the strategy name decisions carry
   * @throws {RoutingInputError} naming an invalid option
   */
  constructor(options: Exp3Options = {}, name = "exp3") {
    super(name, options);
    if (options.gamma !== undefined && options.horizon !== undefined) {
      throw new RoutingInputError("horizon", "cannot be combined with gamma; choose one");
    }
    let gamma = options.gamma ?? DEFAULT_EXP3_GAMMA;
    if (options.horizon !== undefined) {
      const T = options.horizon;
      if (!(Number.isInteger(T) && T >= 1)) {
        throw new RoutingInputError("horizon", `must be an integer ≥ 1, got ${T}`);
      }
      const K = Math.max(this.backends.size, 2);
      gamma = Math.min(1, Math.sqrt((K * Math.log(K)) / ((Math.E - 1) * T)));
    }
    if (!(gamma > 0 && gamma <= 1)) {
      throw new RoutingInputError("gamma", `must be in (0, 1], got ${gamma}`);
    }
    this.gamma = gamma;
    this.reward = rewardFunction(options.reward, successRule(options.success));
    this.ensure();
  }

  /**
   * @param query `type`, or `text` to classify
   * @param context the available backends (never empty)
   * @returns the decision; its scores are the probabilities pᵢ
   * @throws {RoutingInputError} when `available` is empty
   */
  select(query: Query, context: RoutingContext): Decision {
    const t = this.typeOf(query);
    const probs = this.chances(t, context);
    const { idx, n } = this.avail;
    const u = this.rng.next();
    let acc = 0;
    let chosen = n - 1; // if rounding leaves Σp a hair below u
    for (let i = 0; i < n; i++) {
      acc += probs[i];
      if (u < acc) {
        chosen = i;
        break;
      }
    }
    this.decisions++;
    return this.decide(idx[chosen], probs[chosen], t, probs);
  }

  /** Exact: the pᵢ it draws from. */
  probabilities(query: Query, context: RoutingContext): number[] {
    return this.chances(this.typeOf(query), context);
  }

  /** (1 − γ) wᵢ / Σw + γ/n over the available backends, for type row t. */
  private chances(t: number, context: RoutingContext): number[] {
    this.avail.resolve(context.available, this.backends);
    this.ensure();
    const { idx, n } = this.avail;
    const o = t * this.stride;
    const logW = this.logW;
    let top = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) top = Math.max(top, logW[o + idx[i]]);
    const probs = new Array<number>(n);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      probs[i] = Math.exp(logW[o + idx[i]] - top);
      sum += probs[i];
    }
    const g = this.gamma;
    for (let i = 0; i < n; i++) probs[i] = (1 - g) * (probs[i] / sum) + g / n;
    return probs;
  }

  /**
   * Learns from an outcome of this router's own choice (others are counted and ignored).
   * @throws {RoutingInputError} on NaN or negative relevance or latency (nothing is changed)
   */
  record(outcome: Outcome): void {
    const b = this.acceptOutcomeIndices(outcome);
    const d = outcome.decision;
    if (!(d instanceof Decision) || !d.madeBy(this) || d.backendIndex !== b) return;
    const p = d.confidence;
    const K = d.candidates.length;
    this.ensure();
    this.logW[this.outcomeT * this.stride + b] += (this.gamma * (this.reward(outcome) / p)) / K;
  }

  explain(d: Decision): string {
    return `Exp3 drew ${d.backend} with probability ${d.confidence.toFixed(3)} among ${d.candidates.length} available backends for "${d.queryType}" (γ = ${this.gamma.toPrecision(3)}).`;
  }

  /** Probabilities per type and backend as Exp3 would draw with every backend available. */
  protected override details(): Record<string, unknown> {
    const out: Record<string, Record<string, number>> = {};
    const nB = this.backends.size;
    for (let t = 0; t < this.rows; t++) {
      const o = t * this.stride;
      let top = Number.NEGATIVE_INFINITY;
      for (let b = 0; b < nB; b++) top = Math.max(top, this.logW[o + b]);
      let sum = 0;
      for (let b = 0; b < nB; b++) sum += Math.exp(this.logW[o + b] - top);
      const row: Record<string, number> = {};
      for (let b = 0; b < nB; b++) {
        row[this.backends.names[b]] =
          (1 - this.gamma) * (Math.exp(this.logW[o + b] - top) / sum) + this.gamma / nB;
      }
      out[this.types.names[t]] = row;
    }
    return { gamma: this.gamma, probabilities: out };
  }

  /** Grows the weight table to the known types and backends (new cells: log w = 0). */
  private ensure(): void {
    const rows = this.types.size;
    const cols = this.backends.size;
    if (rows <= this.rows && cols <= this.stride) return;
    const stride = Math.max(cols, this.stride);
    const next = new Float64Array(rows * stride);
    for (let t = 0; t < this.rows; t++) {
      next.set(this.logW.subarray(t * this.stride, t * this.stride + this.stride), t * stride);
    }
    this.logW = next;
    this.stride = stride;
    this.rows = rows;
  }
}
