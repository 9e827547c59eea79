import { createStream, hashKeys, type RandomStream } from "../random/index.js";
import {
  credibleInterval,
  normalApproximationHolds,
  probabilityToBeBest,
  twoProportionZTest,
} from "./ab-stats.js";
import { decisionJSON } from "./decision.js";
import { RoutingInputError } from "./errors.js";
import { type SuccessOption, successRule, validateOutcome } from "./reward.js";
import type {
  BackendId,
  Outcome,
  Query,
  Router,
  RouterStats,
  RoutingContext,
  RoutingDecision,
  SuccessRule,
} from "./types.js";

/** One arm of an A/B test. */
export interface AbVariant {
  /** Unique name, e.g. `rule-based` or `thompson-cold-start`. */
  name: string;
  router: Router;
  /** Relative share of traffic; default 1. */
  weight?: number;
}

/** Options of {@link AbTestRouter}. */
export interface AbTestOptions {
  variants: readonly AbVariant[];
  /** Stream for queries without an id; default `createStream(seed, "ab-test")`. */
  rng?: RandomStream;
  seed?: number;
  /** Mixed into the id hash, so different experiments split the same ids differently. */
  salt?: string;
  /** What counts as a success in the metrics; default relevance > 0.7 and latency < 2000 ms. */
  success?: SuccessOption;
  /** Outcomes each variant needs before a verdict; default 100. */
  minSamples?: number;
  /** Significance level (family-wise, Bonferroni over comparisons); default 0.05. */
  alpha?: number;
  /** Probability to be best that declares a Bayesian winner; default 0.95. */
  probabilityThreshold?: number;
}

/** Per-variant metrics. */
export interface AbVariantReport {
  name: string;
  /** Share of traffic configured. */
  share: number;
  decisions: number;
  outcomes: number;
  successes: number;
  successRate: number;
  /** 95 % credible interval of the success rate, Beta(1 + s, 1 + f) posterior. */
  successRateInterval: [number, number];
  meanRelevance: number;
  meanLatencyMs: number;
  /** Bayesian probability that this variant has the highest success rate. */
  probabilityBest: number;
}

/** The verdict of {@link AbTestRouter.compare}. */
export interface AbComparison {
  method: "z-test" | "bayesian";
  status: "insufficient-data" | "no-significant-difference" | "winner";
  winner?: string;
  /** One sentence a person can read. */
  message: string;
  variants: AbVariantReport[];
  /** The leader against each other variant (empty with insufficient data). */
  tests: { leader: string; other: string; z: number; pValue: number; difference: number }[];
}

/** A decision labelled with the variant that made it; `record` routes the outcome back by it. */
export class VariantDecision implements RoutingDecision {
  constructor(
    private readonly inner: RoutingDecision,
    /** The A/B variant that decided. */
    readonly variant: string,
  ) {}
  get backend(): BackendId {
    return this.inner.backend;
  }
  get confidence(): number {
    return this.inner.confidence;
  }
  get queryType(): string {
    return this.inner.queryType;
  }
  get reason(): string {
    return `A/B variant "${this.variant}": ${this.inner.reason}`;
  }
  get alternatives(): readonly BackendId[] {
    return this.inner.alternatives;
  }
  get strategy(): string {
    return this.inner.strategy;
  }
  toJSON(): RoutingDecision & { variant: string } {
    return { ...decisionJSON(this), variant: this.variant };
  }
}

interface Metrics {
  decisions: number;
  outcomes: number;
  successes: number;
  relevance: number;
  latency: number;
}

/**
 * Splits traffic between routers and says, with statistics, which one does better.
 * Assignment is weighted; with a query `id` it is deterministic (a hash of salt and id), so a
 * user keeps their variant; without one it is drawn from the seeded stream. Metrics are kept
 * per variant (memory is constant). `compare` runs a two-proportion z-test or computes the
 * Bayesian probability to be best, and answers "insufficient data" until every variant has
 * `minSamples` outcomes and the normal approximation holds.
 *
 * @example
 * const ab = new AbTestRouter({ variants: [
 *   { name: "rules", router: createRouter("rule-based") },
 *   { name: "thompson", router: createRouter("thompson", { seed: 1 }) },
 * ] });
 */
export class AbTestRouter implements Router {
  readonly name = "ab-test";
  private readonly variants: readonly AbVariant[];
  private readonly cumulative: number[];
  private readonly shares: number[];
  private readonly metrics: Metrics[];
  private readonly byName = new Map<string, number>();
  private readonly rng: RandomStream;
  private readonly salt: string;
  private readonly success: SuccessRule;
  private readonly minSamples: number;
  private readonly alpha: number;
  private readonly threshold: number;
  private readonly seed: number;

  /**
   * @param options variants, weights, seed, success rule and verdict thresholds
   * @throws {RoutingInputError} on fewer than two variants, duplicate names, weights that are
   *   not positive, or thresholds out of range
   */
  constructor(options: AbTestOptions) {
    const variants = options?.variants;
    if (!Array.isArray(variants) || variants.length < 2) {
      throw new RoutingInputError("variants", "an A/B test needs at least two variants");
    }
    let total = 0;
    variants.forEach((v, i) => {
      if (typeof v.name !== "string" || v.name === "") {
        throw new RoutingInputError(`variants[${i}].name`, "must be a non-empty string");
      }
      if (this.byName.has(v.name)) {
        throw new RoutingInputError(`variants[${i}].name`, `duplicate variant "${v.name}"`);
      }
      if (typeof v.router?.select !== "function") {
        throw new RoutingInputError(`variants[${i}].router`, "must be a Router");
      }
      const w = v.weight ?? 1;
      if (!(w > 0) || !Number.isFinite(w)) {
        throw new RoutingInputError(`variants[${i}].weight`, `must be a positive number, got ${w}`);
      }
      this.byName.set(v.name, i);
      total += w;
    });
    let acc = 0;
    this.cumulative = variants.map((v) => {
      acc += (v.weight ?? 1) / total;
      return acc;
    });
    this.cumulative[this.cumulative.length - 1] = 1;
    this.shares = variants.map((v) => (v.weight ?? 1) / total);
    this.variants = variants;
    this.metrics = variants.map(() => ({
      decisions: 0,
      outcomes: 0,
      successes: 0,
      relevance: 0,
      latency: 0,
    }));
    this.seed = options.seed ?? 0;
    this.rng = options.rng ?? createStream(this.seed, "ab-test");
    this.salt = options.salt ?? "";
    this.success = successRule(options.success);
    this.minSamples = options.minSamples ?? 100;
    if (!(Number.isInteger(this.minSamples) && this.minSamples >= 1)) {
      throw new RoutingInputError("minSamples", `must be an integer ≥ 1, got ${this.minSamples}`);
    }
    this.alpha = options.alpha ?? 0.05;
    if (!(this.alpha > 0 && this.alpha < 1)) {
      throw new RoutingInputError("alpha", `must be in (0, 1), got ${this.alpha}`);
    }
    this.threshold = options.probabilityThreshold ?? 0.95;
    if (!(this.threshold > 0.5 && this.threshold < 1)) {
      throw new RoutingInputError(
        "probabilityThreshold",
        `must be in (0.5, 1), got ${this.threshold}`,
      );
    }
  }

  /**
   * The variant a query goes to: by the hash of its id when it has one, else at random.
   * @param query the query
   * @returns the variant's name
   */
  assign(query: Query): string {
    return this.variants[this.assignIndex(query)].name;
  }

  private assignIndex(query: Query): number {
    const u =
      query.id !== undefined ? hashKeys([this.salt, query.id]) / 4294967296 : this.rng.next();
    const cum = this.cumulative;
    for (let i = 0; i < cum.length; i++) if (u < cum[i]) return i;
    return cum.length - 1;
  }

  select(query: Query, context: RoutingContext): VariantDecision {
    const i = this.assignIndex(query);
    const d = this.variants[i].router.select(query, context);
    this.metrics[i].decisions++;
    return new VariantDecision(d, this.variants[i].name);
  }

  /**
   * Records the outcome in its variant's metrics and passes it to that variant's router; the
   * other variants see it as a cancellation, so their in-flight counts stay right.
   * @throws {RoutingInputError} on bad relevance or latency, or a decision without a known variant
   */
  record(outcome: Outcome): void {
    validateOutcome(outcome);
    const name = (outcome.decision as Partial<VariantDecision>).variant;
    const i = name === undefined ? undefined : this.byName.get(name);
    if (i === undefined) {
      throw new RoutingInputError(
        "outcome.decision.variant",
        `must name a variant of this test (${[...this.byName.keys()].join(", ")}), got ${name}`,
      );
    }
    const m = this.metrics[i];
    m.outcomes++;
    if (outcome.success ?? this.success(outcome)) m.successes++;
    m.relevance += outcome.relevance;
    m.latency += outcome.latencyMs;
    this.variants[i].router.record(outcome);
    const backend = outcome.backend ?? outcome.decision.backend;
    this.variants.forEach((v, k) => {
      if (k !== i) v.router.onCancel?.(backend, outcome.now ?? 0);
    });
  }

  onDispatch(backend: BackendId, now: number): void {
    for (const v of this.variants) v.router.onDispatch?.(backend, now);
  }

  onCancel(backend: BackendId, now: number): void {
    for (const v of this.variants) v.router.onCancel?.(backend, now);
  }

  /**
   * Compares the variants' success rates.
   *
   * @param method `z-test` (default): the leader must beat every other variant in a pooled
   *   two-proportion z-test at level α / (k − 1) (Bonferroni); `bayesian`: the leader's
   *   probability to be best must reach the threshold
   * @returns the verdict, per-variant metrics and the tests
   */
  compare(method: "z-test" | "bayesian" = "z-test"): AbComparison {
    const props = this.metrics.map((m) => ({ successes: m.successes, trials: m.outcomes }));
    const pBest = probabilityToBeBest(props, { seed: this.seed });
    const variants: AbVariantReport[] = this.metrics.map((m, i) => ({
      name: this.variants[i].name,
      share: this.shares[i],
      decisions: m.decisions,
      outcomes: m.outcomes,
      successes: m.successes,
      successRate: m.outcomes > 0 ? m.successes / m.outcomes : 0,
      successRateInterval: credibleInterval(props[i]),
      meanRelevance: m.outcomes > 0 ? m.relevance / m.outcomes : 0,
      meanLatencyMs: m.outcomes > 0 ? m.latency / m.outcomes : 0,
      probabilityBest: pBest[i],
    }));
    const fewest = Math.min(...props.map((p) => p.trials));
    if (fewest < this.minSamples || !normalApproximationHolds(props)) {
      const have = variants.map((v) => `${v.name} ${v.outcomes}`).join(", ");
      return {
        method,
        status: "insufficient-data",
        message: `Insufficient data: each variant needs at least ${this.minSamples} outcomes and at least 5 successes and 5 failures expected (have ${have}).`,
        variants,
        tests: [],
      };
    }
    let leader = 0;
    variants.forEach((v, i) => {
      if (v.successRate > variants[leader].successRate) leader = i;
    });
    const tests = props
      .map((p, i) => ({ p, i }))
      .filter(({ i }) => i !== leader)
      .map(({ p, i }) => ({
        leader: variants[leader].name,
        other: variants[i].name,
        ...twoProportionZTest(p, props[leader]),
      }));
    const level = this.alpha / (props.length - 1);
    const lead = variants[leader];
    if (method === "z-test") {
      const worst = Math.max(...tests.map((t) => t.pValue));
      if (worst < level) {
        return {
          method,
          status: "winner",
          winner: lead.name,
          message: `${lead.name} wins: success rate ${pct(lead.successRate)}, better than every other variant (largest p = ${worst.toPrecision(2)} < ${level.toPrecision(2)}).`,
          variants,
          tests,
        };
      }
      return {
        method,
        status: "no-significant-difference",
        message: `No significant difference yet: ${lead.name} leads with ${pct(lead.successRate)}, but p = ${worst.toPrecision(2)} ≥ ${level.toPrecision(2)}.`,
        variants,
        tests,
      };
    }
    let best = 0;
    pBest.forEach((p, i) => {
      if (p > pBest[best]) best = i;
    });
    const top = variants[best];
    if (pBest[best] >= this.threshold) {
      return {
        method,
        status: "winner",
        winner: top.name,
        message: `${top.name} wins: probability to be best ${pct(pBest[best])} ≥ ${pct(this.threshold)}.`,
        variants,
        tests,
      };
    }
    return {
      method,
      status: "no-significant-difference",
      message: `No clear winner yet: ${top.name} has the highest probability to be best, ${pct(pBest[best])} < ${pct(this.threshold)}.`,
      variants,
      tests,
    };
  }

  stats(): RouterStats {
    return {
      strategy: this.name,
      decisions: this.metrics.reduce((a, m) => a + m.decisions, 0),
      outcomes: this.metrics.reduce((a, m) => a + m.outcomes, 0),
      details: { variants: this.compare().variants },
    };
  }
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)} %`;
}
