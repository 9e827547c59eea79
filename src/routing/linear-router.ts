import { BaseRouter, type BaseRouterOptions } from "./base-router.js";
import { Decision } from "./decision.js";
import { RoutingInputError } from "./errors.js";
import { Featurizer, type SparseFeatures } from "./featurize.js";
import { invertSpd, LinearModel } from "./linear-model.js";
import { LINEAR_SAVED_FORMAT, type LinearParams, parseLinearParams } from "./linear-params.js";
import {
  type RewardFunction,
  type RewardOption,
  rewardFunction,
  type SuccessOption,
  successRule,
} from "./reward.js";
import {
  DEFAULT_QUERY_TYPES,
  type LearnableRouter,
  type Outcome,
  type Query,
  type RoutingContext,
} from "./types.js";

/** Options shared by the contextual strategies (`linucb`, `linear-thompson`). */
export interface LinearOptions extends BaseRouterOptions {
  /** Buckets of the hashed word features; default 64 (see {@link Featurizer}). */
  dimension?: number;
  /** Seed of the word hash; default 0. */
  hashSeed?: number;
  /** Ridge regulariser λ > 0: each backend's A starts at λI; default 1. */
  lambda?: number;
  /** What counts as a success; default relevance > 0.7 and latency < 2000 ms. */
  success?: SuccessOption;
  /** What the model learns; default `{ kind: "success" }`. */
  reward?: RewardOption;
}

/** Options of {@link LinearRouter.load}. */
export interface LinearLoadOptions {
  /** Names the origin (e.g. a file path) in error messages; default `params`. */
  source?: string;
}

/**
 * Shared machinery of the disjoint linear bandits: the query's features (see
 * {@link Featurizer}), one ridge model per backend ({@link LinearModel}), validated outcomes,
 * the configurable reward, and JSON save/load. Subclasses only score a backend.
 *
 * The decision carries its feature vector, so `record` learns from the context the decision
 * saw. An outcome of another router's decision is learned from the features of its query
 * type alone (its text is not known then).
 */
export abstract class LinearRouter extends BaseRouter implements LearnableRouter {
  /** The featurizer the models' vectors come from. */
  readonly featurizer: Featurizer;
  readonly lambda: number;
  protected readonly reward: RewardFunction;
  /** Per backend index; created on first use. */
  protected models: (LinearModel | undefined)[] = [];
  private readonly typeOnly = new Map<string, SparseFeatures>();

  /**
   * @param name the strategy name
   * @param options features, regulariser, reward and shared options
   * @throws {RoutingInputError} naming an invalid option
   */
  constructor(name: string, options: LinearOptions) {
    super(name, options);
    const lambda = options.lambda ?? 1;
    if (!(lambda > 0 && Number.isFinite(lambda))) {
      throw new RoutingInputError("lambda", `must be a finite number > 0, got ${lambda}`);
    }
    this.lambda = lambda;
    this.featurizer = new Featurizer({
      dimension: options.dimension,
      seed: options.hashSeed,
      types: options.queryTypes ?? DEFAULT_QUERY_TYPES,
      classifier: this.classifier,
    });
    this.reward = rewardFunction(options.reward, successRule(options.success));
  }

  /**
   * Scores backend model `m` for context `x`; the highest score is chosen.
   * @param m the backend's model
   * @param x the context
   * @param mean xᵀθ̂, already computed
   */
  protected abstract score(m: LinearModel, x: SparseFeatures, mean: number): number;

  /**
   * @param query `text` (featurized) and/or `type`
   * @param context the available backends (never empty)
   * @returns the decision, carrying the query's features
   * @throws {RoutingInputError} when `available` is empty or the query is malformed
   */
  select(query: Query, context: RoutingContext): Decision {
    const t = this.typeOf(query);
    this.avail.resolve(context.available, this.backends);
    // The type just resolved, so the text is not classified twice.
    const x = this.featurizer.featurizeParts(query.text, this.types.names[t]);
    const { idx, n } = this.avail;
    const scores = new Array<number>(n);
    let bestI = 0;
    let bestMean = 0;
    for (let i = 0; i < n; i++) {
      const m = this.model(idx[i]);
      const mean = m.mean(x);
      scores[i] = this.score(m, x, mean);
      if (scores[i] > scores[bestI]) bestI = i;
      if (i === bestI) bestMean = mean;
    }
    this.decisions++;
    const d = this.decide(idx[bestI], Math.min(Math.max(bestMean, 0), 1), t, scores);
    d.features = x;
    return d;
  }

  /**
   * Learns from an outcome: the serving backend's model gets (features, reward).
   * @throws {RoutingInputError} on NaN or negative relevance or latency (nothing is changed)
   */
  record(outcome: Outcome): void {
    const b = this.acceptOutcomeIndices(outcome);
    const d = outcome.decision;
    const x =
      d instanceof Decision && d.madeBy(this) && d.features !== undefined
        ? d.features
        : this.typeFeatures(d.queryType);
    this.model(b).update(x, this.reward(outcome));
  }

  /** The model of backend index b, created at the prior (A = λI, b = 0) on first use. */
  protected model(b: number): LinearModel {
    let m = this.models[b];
    if (m === undefined) {
      m = new LinearModel(this.featurizer.size, this.lambda);
      this.models[b] = m;
    }
    return m;
  }

  private typeFeatures(type: string): SparseFeatures {
    let x = this.typeOnly.get(type);
    if (x === undefined) {
      x = this.featurizer.featurizeSparse({ type });
      this.typeOnly.set(type, x);
    }
    return x;
  }

  /**
   * The learned state as JSON-ready data: per backend with outcomes, A and b.
   * @returns parameters that {@link LinearRouter.load} accepts
   */
  save(): LinearParams {
    const arms: LinearParams["arms"] = {};
    this.models.forEach((m, b) => {
      if (m === undefined || m.count === 0) return;
      arms[this.backends.names[b]] = {
        A: Array.from(m.gram),
        b: Array.from(m.target),
        outcomes: m.count,
      };
    });
    const f = this.featurizer;
    return {
      format: LINEAR_SAVED_FORMAT,
      version: 1,
      strategy: this.name,
      features: { dimension: f.dimension, seed: f.seed, types: f.types.slice() },
      lambda: this.lambda,
      arms,
    };
  }

  /**
   * Replaces the learned state with saved parameters. The features must be this router's
   * (same dimension, hash seed and types); each A must be symmetric positive definite.
   * Everything is validated before any state changes; backends not in the file start afresh.
   *
   * @param params parsed JSON
   * @param options a source name for errors
   * @throws {RoutingInputError} naming the bad field; the router is then unchanged
   */
  load(params: unknown, options: LinearLoadOptions = {}): void {
    const source = options.source ?? "params";
    const p = parseLinearParams(params, source);
    const f = this.featurizer;
    if (p.features.dimension !== f.dimension) {
      throw new RoutingInputError(
        `${source}.features.dimension`,
        `is ${p.features.dimension}, but this router hashes words into ${f.dimension} buckets`,
      );
    }
    if (p.features.seed !== f.seed) {
      throw new RoutingInputError(
        `${source}.features.seed`,
        `is ${p.features.seed}, but this router's hash seed is ${f.seed}`,
      );
    }
    if (p.features.types.join("\n") !== f.types.join("\n")) {
      throw new RoutingInputError(
        `${source}.features.types`,
        `are [${p.features.types.join(", ")}], but this router's are [${f.types.join(", ")}]`,
      );
    }
    const d = f.size;
    const loaded: {
      backend: string;
      A: number[];
      inverse: Float64Array;
      b: number[];
      n: number;
    }[] = [];
    for (const [backend, arm] of Object.entries(p.arms)) {
      const at = `${source}.arms.${backend}`;
      if (arm.A.length !== d * d) {
        throw new RoutingInputError(
          `${at}.A`,
          `has ${arm.A.length} entries, expected ${d}² = ${d * d}`,
        );
      }
      if (arm.b.length !== d) {
        throw new RoutingInputError(`${at}.b`, `has ${arm.b.length} entries, expected ${d}`);
      }
      for (let i = 0; i < d; i++) {
        for (let j = 0; j < i; j++) {
          const x = arm.A[i * d + j];
          const y = arm.A[j * d + i];
          if (Math.abs(x - y) > 1e-9 * Math.max(1, Math.abs(x), Math.abs(y))) {
            throw new RoutingInputError(
              `${at}.A.${i * d + j}`,
              `is ${x} but its mirror entry ${j * d + i} is ${y}; A must be symmetric`,
            );
          }
        }
      }
      const inverse = invertSpd(arm.A, d);
      if (inverse === undefined) {
        throw new RoutingInputError(
          `${at}.A`,
          "is not positive definite (A = λI + Σ x xᵀ always is)",
        );
      }
      loaded.push({ backend, A: arm.A, inverse, b: arm.b, n: arm.outcomes });
    }
    // Validated: now apply.
    this.models = [];
    for (const arm of loaded) {
      this.model(this.backends.intern(arm.backend)).assign(arm.A, arm.inverse, arm.b, arm.n);
    }
  }

  /** Outcomes and θ̂'s norm per backend. */
  protected override details(): Record<string, unknown> {
    const out: Record<string, { outcomes: number; thetaNorm: number }> = {};
    this.models.forEach((m, b) => {
      if (m === undefined) return;
      let s = 0;
      for (const v of m.theta) s += v * v;
      out[this.backends.names[b]] = { outcomes: m.count, thetaNorm: Math.sqrt(s) };
    });
    return { dimension: this.featurizer.size, lambda: this.lambda, backends: out };
  }
}
