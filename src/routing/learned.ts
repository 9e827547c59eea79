import { type BanditOptions, BanditRouter } from "./bandit-router.js";
import { sampleBetaFast } from "./beta-sampler.js";
import { Decision } from "./decision.js";
import { type BetaPrior, type PriorOptions, priorResolver } from "./priors.js";
import type { BackendId, QueryType } from "./types.js";

/** Options of the `thompson` strategy. */
export interface ThompsonOptions extends BanditOptions {
  /** Beta priors: one for all, or global / per type / per backend; default Beta(1, 1). */
  priors?: PriorOptions | BetaPrior;
}

/** A backend's Beta posterior in one query type's bandit. */
export interface PosteriorEntry {
  backend: BackendId;
  alpha: number;
  beta: number;
  /** α / (α + β). */
  mean: number;
}

/**
 * The learned router: Beta-Bernoulli Thompson sampling, one bandit per query type. For each
 * available backend it draws p ~ Beta(prior α + Σ reward, prior β + Σ (1 − reward)) and picks
 * the largest draw; confidence is the chosen backend's posterior mean and the alternatives
 * are ranked by their draws. A backend the bandit has never seen simply starts at its prior
 * (the old KeyError cannot happen). Cost per decision is O(available backends), whatever the
 * number of outcomes recorded.
 *
 * Draws use `sampleBeta` (Marsaglia–Tsang gamma ratio) from src/random: α and β change on
 * every update, so a per-call sampler beats building a d3-random closure per draw.
 *
 * @example
 * const r = new LearnedRouter({ seed: 42, coldStart: 20 });
 * const d = r.select({ type: "similarity" }, { available: DEFAULT_BACKENDS });
 * r.record({ decision: d, relevance: 0.9, latencyMs: 40 });
 */
export class LearnedRouter extends BanditRouter {
  private readonly prior: (type: QueryType, backend: BackendId) => BetaPrior;

  /**
   * @param options priors, success rule, reward, forgetting, cold start and shared options
   * @param name the strategy name decisions carry (default `thompson`)
   * @throws {RoutingInputError} when a prior is ≤ 0 or another option is invalid
   */
  constructor(options: ThompsonOptions = {}, name = "thompson") {
    const prior = priorResolver(options.priors);
    super(name, options, prior);
    this.prior = prior;
  }

  protected choose(t: number): Decision {
    const { idx, n } = this.avail;
    const { succ, fail, priorA, priorB } = this.table;
    const o = t * this.table.stride;
    const rng = this.rng;
    // A plain array (not a typed one): V8 allocates small arrays far faster, and the draws
    // are kept so the alternatives can be ranked lazily.
    const draws = new Array<number>(n);
    let best = -1;
    let bestI = 0;
    for (let i = 0; i < n; i++) {
      const c = o + idx[i];
      const x = sampleBetaFast(rng, priorA[c] + succ[c], priorB[c] + fail[c]);
      draws[i] = x;
      if (x > best) {
        best = x;
        bestI = i;
      }
    }
    const c = o + idx[bestI];
    const a = priorA[c] + succ[c];
    return new Decision(
      this.backends.names[idx[bestI]],
      a / (a + priorB[c] + fail[c]),
      this.types.names[t],
      this.name,
      this,
      this.avail.list,
      draws,
      undefined,
    );
  }

  explain(d: Decision): string {
    const cold = this.coldReason(d);
    if (cold !== undefined) return cold;
    const i = d.candidates.indexOf(d.backend);
    const draw = d.scores?.[i] ?? Number.NaN;
    return `Thompson sampling for "${d.queryType}": ${d.backend} drew ${draw.toFixed(3)}, the highest of ${d.candidates.length} available backends (posterior mean ${d.confidence.toFixed(3)}).`;
  }

  /**
   * The Beta posteriors of one query type's bandit, for plots.
   * @param type a query type (an unseen one gives the priors)
   * @param backends which backends; default all known
   * @returns one entry per backend
   */
  posterior(
    type: QueryType,
    backends: readonly BackendId[] = this.backends.names,
  ): PosteriorEntry[] {
    const t = this.types.intern(type);
    for (const b of backends) this.backends.intern(b);
    this.table.ensure(this.types.size, this.backends.size);
    const { succ, fail, priorA, priorB, stride } = this.table;
    return backends.map((backend) => {
      const c = t * stride + this.backends.find(backend);
      const alpha = priorA[c] + succ[c];
      const beta = priorB[c] + fail[c];
      return { backend, alpha, beta, mean: alpha / (alpha + beta) };
    });
  }

  /**
   * The posteriors in the old system's layout (per type, `alpha` and `beta` in backend order).
   * @param backendOrder the array order; default all known backends in order
   * @returns JSON-ready data the old system (and {@link BanditRouter.load}) reads
   */
  saveLegacy(
    backendOrder: readonly BackendId[] = this.backends.names,
  ): Record<QueryType, { alpha: number[]; beta: number[] }> {
    const out: Record<QueryType, { alpha: number[]; beta: number[] }> = {};
    for (const type of this.types.names.slice()) {
      const post = this.posterior(type, backendOrder);
      out[type] = { alpha: post.map((p) => p.alpha), beta: post.map((p) => p.beta) };
    }
    return out;
  }

  protected override legacyPrior(type: QueryType, backend: BackendId): BetaPrior {
    return this.prior(type, backend);
  }
}
