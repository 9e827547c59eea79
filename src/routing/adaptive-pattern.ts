import { createStream, type RandomStream, sampleBeta } from "../random/index.js";
import { Decision } from "./decision.js";
import { RoutingInputError } from "./errors.js";
import { NameIndex } from "./name-index.js";
import { type ThompsonOptions, ThompsonRouter } from "./thompson.js";
import {
  type BackendId,
  DEFAULT_QUERY_TYPES,
  type Outcome,
  type PatternChoosingRouter,
  type ProbabilityOptions,
  type Query,
  type Router,
  type RouterStats,
  type RoutingContext,
  type RoutingDecision,
} from "./types.js";

/** The default candidates: one request, a hedge after the primary's p95, a fan-out of 2 (first answer). */
export const DEFAULT_ADAPTIVE_PATTERNS: readonly string[] = Object.freeze([
  "feed-forward",
  "hedged:delay=p95",
  "parallel:fanout=2,rule=first-k",
]);

/** Options of the `adaptive-pattern` strategy. */
export interface AdaptivePatternOptions extends ThompsonOptions {
  /** Candidate execution patterns in compact form; default {@link DEFAULT_ADAPTIVE_PATTERNS}. */
  patterns?: readonly string[];
  /** λ ≥ 0: what one extra backend call costs, in units of one query meeting the SLO; default 0.05. */
  callCost?: number;
  /** E ≥ 1: the most extra calls the reward counts (more count as E); default 1. */
  maxExtraCalls?: number;
  /** Chooses the backend and its alternatives; default per-type Thompson with these options. */
  backendRouter?: Router;
}

/** One query type's pattern posteriors and counts, as {@link AdaptivePatternRouter.patternTable} reports them. */
export interface PatternChoiceRow {
  type: string;
  /** Per candidate pattern, in order. */
  patterns: { pattern: string; alpha: number; beta: number; mean: number; picks: number }[];
  /**
   * The pattern picked most often (what Thompson sampling settled on; ties: the higher
   * posterior mean). Not the highest posterior mean alone: a pattern tried twice can have a
   * high mean by chance.
   */
  learned: string;
}

/**
 * Adaptive pattern selection: per query type, Thompson sampling over execution patterns
 * (by default feed-forward, hedged after the primary's p95, and a parallel fan-out of 2 that
 * returns the first successful answer), on top of a router that picks the backend and its
 * alternatives (per-type Thompson by default). Each decision names its pattern
 * (`decision.pattern`); the simulator runs the query with it and reports the query's outcome
 * ({@link onQueryComplete}).
 *
 * **Reward.** A query earns r = 1[it met the SLO] − λ · min(extra calls, E), where extra calls
 * = calls − 1 (a hedge's backup, a fan-out's copies, retries), λ = `callCost`, E =
 * `maxExtraCalls`. r lies in [−λE, 1], so it is **rescaled** to [0, 1]:
 * r̃ = (r + λE) / (1 + λE) (an affine map: it keeps the order of expected rewards, so the
 * best pattern is the same). r̃ is not 0 or 1, which a Beta–Bernoulli posterior needs, so
 * the **Bernoulli trick** (Agrawal & Goyal 2012) feeds it a Bernoulli draw instead: success
 * with probability r̃ (α += 1), else failure (β += 1). The draw's mean is E[r̃], so the
 * posterior concentrates on each pattern's expected rescaled reward and Thompson sampling
 * keeps its guarantees for rewards in [0, 1].
 *
 * The backend router learns from each request as usual (every `record` goes to it). Its
 * decisions must be fresh objects (the registry's are), because this router writes the
 * pattern into them.
 *
 * @example
 * const r = new AdaptivePatternRouter({ seed: 1, callCost: 0.05 });
 * const d = r.select({ type: "personal" }, { available: ["mem0", "qdrant"] });
 * d.pattern; // e.g. "hedged:delay=p95"
 * r.onQueryComplete(d, true, 2);
 */
export class AdaptivePatternRouter implements PatternChoosingRouter {
  readonly name: string;
  readonly patterns: readonly string[];
  readonly callCost: number;
  readonly maxExtraCalls: number;
  private readonly backend: Router;
  private readonly rng: RandomStream;
  private readonly types: NameIndex;
  /** Per (type, pattern) at `t * nP + p`: posterior α and β (prior Beta(1, 1)), picks. */
  private alpha = new Float64Array(0);
  private beta = new Float64Array(0);
  private picks = new Float64Array(0);
  private readonly draws: number[];
  private queries = 0;

  /**
   * @param options patterns, λ, E, the backend router (or Thompson's options)
   * @param name the strategy name (default `adaptive-pattern`)
   * @throws {RoutingInputError} naming an invalid option
   */
  constructor(options: AdaptivePatternOptions = {}, name = "adaptive-pattern") {
    this.name = name;
    const patterns = options.patterns ?? DEFAULT_ADAPTIVE_PATTERNS;
    if (!Array.isArray(patterns) || patterns.length === 0) {
      throw new RoutingInputError("patterns", "must be a non-empty list of pattern names");
    }
    patterns.forEach((p, i) => {
      if (typeof p !== "string" || p.trim() === "") {
        throw new RoutingInputError(`patterns.${i}`, "must be a pattern in compact form");
      }
      if (patterns.indexOf(p) !== i) {
        throw new RoutingInputError(`patterns.${i}`, `repeats "${p}"`);
      }
    });
    const callCost = options.callCost ?? 0.05;
    if (!(callCost >= 0 && Number.isFinite(callCost))) {
      throw new RoutingInputError("lambda", `must be a finite number ≥ 0, got ${callCost}`);
    }
    const maxExtra = options.maxExtraCalls ?? 1;
    if (!(Number.isInteger(maxExtra) && maxExtra >= 1)) {
      throw new RoutingInputError("maxExtraCalls", `must be an integer ≥ 1, got ${maxExtra}`);
    }
    this.patterns = Object.freeze([...patterns]);
    this.callCost = callCost;
    this.maxExtraCalls = maxExtra;
    this.rng = options.rng ?? createStream(options.seed ?? 0, "router", name);
    this.backend = options.backendRouter ?? new ThompsonRouter({ ...options, rng: this.rng });
    this.types = new NameIndex(options.queryTypes ?? DEFAULT_QUERY_TYPES);
    this.draws = new Array<number>(patterns.length).fill(0);
    this.grow();
  }

  /**
   * Chooses the backend (the backend router's decision) and, by Thompson sampling among the
   * query type's pattern posteriors, the pattern.
   *
   * @param query the query
   * @param context available backends and time
   * @returns the backend router's decision, carrying `pattern`
   * @throws {RoutingInputError} as the backend router does (e.g. no backend available)
   */
  select(query: Query, context: RoutingContext): Decision {
    const d = this.backend.select(query, context);
    if (!(d instanceof Decision)) {
      throw new RoutingInputError(
        "backendRouter",
        `${this.backend.name} returned a plain decision; adaptive-pattern needs the registry's Decision objects`,
      );
    }
    const t = this.typeIndex(d.queryType);
    const nP = this.patterns.length;
    const o = t * nP;
    let best = 0;
    for (let p = 0; p < nP; p++) {
      this.draws[p] = sampleBeta(this.rng, this.alpha[o + p], this.beta[o + p]);
      if (this.draws[p] > this.draws[best]) best = p;
    }
    this.picks[o + best]++;
    d.pattern = this.patterns[best];
    d.patternIndex = best;
    return d;
  }

  /**
   * The backend router's probabilities: the pattern draw does not change which backend is
   * chosen (off-policy evaluation logs the backend's propensity).
   *
   * @param query the query
   * @param context available backends and time
   * @param options the estimate's stream and samples (see {@link ProbabilityOptions})
   * @returns one probability per available backend
   * @throws {RoutingInputError} when the backend router cannot say its probabilities
   */
  probabilities(query: Query, context: RoutingContext, options?: ProbabilityOptions): number[] {
    const backend = this.backend;
    if (backend.probabilities === undefined) {
      throw new RoutingInputError("backendRouter", `${backend.name} cannot say its probabilities`);
    }
    return backend.probabilities(query, context, options);
  }

  /** Passes a request's outcome to the backend router. */
  record(outcome: Outcome): void {
    this.backend.record(outcome);
  }

  onDispatch(backend: BackendId, now: number): void {
    this.backend.onDispatch?.(backend, now);
  }

  onCancel(backend: BackendId, now: number): void {
    this.backend.onCancel?.(backend, now);
  }

  /**
   * Learns from a completed query: the rescaled reward r̃ (see the class notes) as a
   * Bernoulli draw into the posterior of its type and pattern.
   *
   * @param decision the query's decision, made by this router
   * @param sloMet whether the query met the SLO
   * @param calls the requests it sent (≥ 1)
   * @throws {RoutingInputError} for a decision without one of this router's patterns, or calls < 1
   */
  onQueryComplete(decision: RoutingDecision, sloMet: boolean, calls: number): void {
    const p =
      decision instanceof Decision && decision.patternIndex >= 0
        ? decision.patternIndex
        : this.patterns.indexOf(decision.pattern ?? "");
    if (p < 0 || this.patterns[p] !== decision.pattern) {
      throw new RoutingInputError(
        "decision.pattern",
        `${JSON.stringify(decision.pattern)} is not one of this router's patterns`,
      );
    }
    if (!(Number.isInteger(calls) && calls >= 1)) {
      throw new RoutingInputError("calls", `must be an integer ≥ 1, got ${calls}`);
    }
    const t = this.typeIndex(decision.queryType);
    const i = t * this.patterns.length + p;
    if (this.rng.next() < this.rescaledReward(sloMet, calls)) this.alpha[i]++;
    else this.beta[i]++;
    this.queries++;
  }

  /**
   * The reward of a query rescaled to [0, 1]: (1[sloMet] − λ·min(calls − 1, E) + λE) / (1 + λE).
   *
   * @param sloMet whether the query met the SLO
   * @param calls the requests it sent
   * @returns r̃ in [0, 1]
   * @example new AdaptivePatternRouter({ callCost: 0.1 }).rescaledReward(true, 2) // (1 − 0.1 + 0.1) / 1.1
   */
  rescaledReward(sloMet: boolean, calls: number): number {
    const lambdaE = this.callCost * this.maxExtraCalls;
    const extra = Math.min(Math.max(calls - 1, 0), this.maxExtraCalls);
    return ((sloMet ? 1 : 0) - this.callCost * extra + lambdaE) / (1 + lambdaE);
  }

  /**
   * Per query type seen, each pattern's posterior and picks, and the pattern it has learned.
   *
   * @returns one row per type, in the order types were first seen
   */
  patternTable(): PatternChoiceRow[] {
    const nP = this.patterns.length;
    return this.types.names.map((type, t) => {
      const patterns = this.patterns.map((pattern, p) => {
        const a = this.alpha[t * nP + p];
        const b = this.beta[t * nP + p];
        return { pattern, alpha: a, beta: b, mean: a / (a + b), picks: this.picks[t * nP + p] };
      });
      const learned = patterns.reduce((x, y) =>
        y.picks > x.picks || (y.picks === x.picks && y.mean > x.mean) ? y : x,
      ).pattern;
      return { type, patterns, learned };
    });
  }

  stats(): RouterStats {
    const inner = this.backend.stats();
    return {
      strategy: this.name,
      decisions: inner.decisions,
      outcomes: inner.outcomes,
      details: { queries: this.queries, patterns: this.patternTable(), backend: inner },
    };
  }

  private typeIndex(type: string): number {
    const t = this.types.intern(type);
    if (t * this.patterns.length >= this.alpha.length) this.grow();
    return t;
  }

  /** Makes room for every interned type (new cells at the prior Beta(1, 1)). */
  private grow(): void {
    const n = Math.max(this.types.size, 1) * this.patterns.length * 2;
    const copy = (old: Float64Array, fill: number) => {
      const a = new Float64Array(n).fill(fill);
      a.set(old);
      return a;
    };
    this.alpha = copy(this.alpha, 1);
    this.beta = copy(this.beta, 1);
    this.picks = copy(this.picks, 0);
  }
}
