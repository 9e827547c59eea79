import {
  BetaRound,
  createStream,
  GAMMA_CONSTANTS,
  gammaConstants,
  type RandomStream,
} from "../random/index.js";
import { type BanditOptions, BanditRouter } from "./bandit-router.js";
import type { Decision } from "./decision.js";
import { RoutingInputError } from "./errors.js";
import { type BetaPrior, type PriorOptions, priorResolver } from "./priors.js";
import type { BackendId, ProbabilityOptions, QueryType } from "./types.js";

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
 * Beta-Bernoulli Thompson sampling, one bandit per query type (the old system's "learned
 * router", hence the alias {@link LearnedRouter}). For each
 * available backend it draws p ~ Beta(prior α + Σ reward, prior β + Σ (1 − reward)) and picks
 * the largest draw; confidence is the chosen backend's posterior mean and the alternatives
 * are ranked by their draws. A backend the bandit has never seen simply starts at its prior
 * (the old KeyError cannot happen). Cost per decision is O(available backends), whatever the
 * number of outcomes recorded.
 *
 * Draws are exact Beta draws by the gamma ratio (Marsaglia–Tsang with ziggurat normals, see
 * src/random/beta.ts): α and β change on every update, so a per-call sampler beats building a
 * d3-random closure per draw, and the sampler's constants are cached per posterior.
 *
 * @example
 * const r = new ThompsonRouter({ seed: 42, coldStart: 20 });
 * const d = r.select({ type: "similarity" }, { available: DEFAULT_BACKENDS });
 * r.record({ decision: d, relevance: 0.9, latencyMs: 40 });
 */
export class ThompsonRouter extends BanditRouter {
  private readonly prior: (type: QueryType, backend: BackendId) => BetaPrior;
  // Gamma-sampler constants per cell for α then β (2 × GAMMA_CONSTANTS numbers), keyed by the
  // (α, β) they were computed for. Why per cell and by value: an outcome changes one cell, so
  // recomputing a whole row on every row change (the earlier version-per-row cache) paid 10
  // square roots per decision in a simulation where nearly every decision follows an update
  // of its row; now an update costs 1 (the shape that changed). Comparing the values also
  // stays right however the table was changed. They live in `round.constants`, read anew each
  // time (another router's round can move them: see BetaRound).
  private readonly round = new BetaRound();
  private constA = new Float64Array(0);
  private constB = new Float64Array(0);
  /** Per cell, the offset of its constants in `round.constants`, or −1 for Beta(1, 1). */
  private cellAt = new Int32Array(0);
  /**
   * Per type row, the table's `rowVersion` at which every cell of the row was last brought up
   * to date. Why: `record` refreshes the one cell it changed and moves this along, so a
   * decision whose row changed only through `record` skips comparing every cell's shapes (the
   * compares and their unpredictable branches were ≈ 14 % of a decision, measured); any other
   * change (growth, load, clear, forgetting) leaves the versions apart and the row is compared
   * in full, as before.
   */
  private synced = new Float64Array(0);
  /** The stream {@link ThompsonRouter.chances} draws from when given none. */
  private estimates: RandomStream | undefined;

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
    this.shapes(t);
    // A plain array (not a typed one): V8 allocates small arrays far faster, and the draws
    // are kept so the alternatives can be ranked lazily.
    const draws = new Array<number>(n);
    const bestI = this.round.draw(this.rng, n, draws);
    const { succ, fail, priorA, priorB, stride } = this.table;
    const bi = idx[bestI];
    const c = t * stride + bi;
    const a = priorA[c] + succ[c];
    return this.decide(bi, a / (a + priorB[c] + fail[c]), t, draws);
  }

  /**
   * Estimated from `samples` posterior draws (default 1,000) on `options.rng`, never on the
   * router's own stream (without one, on a stream kept for estimates): each backend's wins
   * plus 1/n, over samples + 1. Why the 1/n: one pseudo-draw spread evenly keeps every
   * probability above 0, as the true one is (any backend can win a draw from continuous
   * posteriors), so a logged propensity never is 0; it biases each by under 1/(samples + 1).
   * The sampling error is about √(p(1 − p)/samples).
   */
  protected chances(t: number, options: ProbabilityOptions): number[] {
    const n = this.avail.n;
    const samples = options.samples ?? 1000;
    if (!(Number.isInteger(samples) && samples >= 1)) {
      throw new RoutingInputError("samples", `must be an integer ≥ 1, got ${samples}`);
    }
    this.estimates ??= createStream(0, "router", this.name, "probabilities");
    const rng = options.rng ?? this.estimates;
    this.shapes(t);
    const wins = new Array<number>(n).fill(0);
    const draws = new Array<number>(n);
    for (let s = 0; s < samples; s++) wins[this.round.draw(rng, n, draws)]++;
    return wins.map((w) => (w + 1 / n) / (samples + 1));
  }

  /**
   * Fills the round's offsets for the available backends of type row t, as `BetaRound.draw`
   * reads them, bringing the row's cached gamma constants up to date first if it is out of sync.
   */
  private shapes(t: number): void {
    const { idx, n } = this.avail;
    const table = this.table;
    const o = t * table.stride;
    if (this.constA.length !== table.succ.length) {
      const cells = table.succ.length;
      this.round.reserve(cells * 2 * GAMMA_CONSTANTS, Math.max(n, table.cols));
      // NaN never equals a shape or a version, so every cell and row is computed on first use.
      this.constA = new Float64Array(cells).fill(Number.NaN);
      this.constB = new Float64Array(cells).fill(Number.NaN);
      this.cellAt = new Int32Array(cells);
      this.synced = new Float64Array(table.rows).fill(Number.NaN);
    }
    if (this.synced[t] !== table.rowVersion[t]) {
      for (let b = 0; b < table.cols; b++) this.refresh(o + b);
      this.synced[t] = table.rowVersion[t];
    }
    const round = this.round;
    if (round.offsets.length < n) round.reserve(round.constants.length, n);
    const at = round.offsets;
    const cellAt = this.cellAt;
    for (let i = 0; i < n; i++) at[i] = cellAt[o + idx[i]];
  }

  /** Keeps row t in sync after `record` changed its cell b alone (not under forgetting). */
  protected override recorded(t: number, b: number): void {
    const table = this.table;
    const v = table.rowVersion[t];
    if (this.synced[t] !== v - 1 || table.discount < 1 || table.window > 0) return;
    this.refresh(t * table.stride + b);
    this.synced[t] = v;
  }

  /** Recomputes cell c's gamma constants where its α or β changed, and its offset. */
  private refresh(c: number): void {
    const { succ, fail, priorA, priorB } = this.table;
    const a = priorA[c] + succ[c];
    const b = priorB[c] + fail[c];
    if (a === 1 && b === 1) {
      this.cellAt[c] = -1;
      return;
    }
    const at = c * 2 * GAMMA_CONSTANTS;
    this.cellAt[c] = at;
    const consts = this.round.constants;
    if (this.constA[c] !== a) {
      gammaConstants(a, consts, at);
      this.constA[c] = a;
    }
    if (this.constB[c] !== b) {
      gammaConstants(b, consts, at + GAMMA_CONSTANTS);
      this.constB[c] = b;
    }
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

  protected override cellPrior(type: QueryType, backend: BackendId): BetaPrior {
    return this.prior(type, backend);
  }
}

/** The old system's name for {@link ThompsonRouter}, kept so its callers read the same. */
export const LearnedRouter = ThompsonRouter;
/** The old system's name for {@link ThompsonRouter}. */
export type LearnedRouter = ThompsonRouter;
