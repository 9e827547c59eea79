import { createStream, type RandomStream } from "../random/index.js";
import { AvailableSet } from "./available-set.js";
import { QueryClassifier } from "./classifier.js";
import { Decision, type DecisionExplainer } from "./decision.js";
import { RoutingInputError } from "./errors.js";
import { NameIndex } from "./name-index.js";
import { validateOutcome } from "./reward.js";
import {
  type BackendId,
  DEFAULT_BACKENDS,
  DEFAULT_QUERY_TYPES,
  type Outcome,
  type Query,
  type QueryType,
  type Router,
  type RouterStats,
  type RoutingContext,
} from "./types.js";

/** Options every strategy accepts. */
export interface BaseRouterOptions {
  /** The random stream for sampling; takes precedence over `seed`. */
  rng?: RandomStream;
  /** Seed for `createStream(seed, "router", name)` when no `rng` is given; default 0. */
  seed?: number;
  /**
   * Backends known up front, in order (saved parameters list them in this order; default the
   * five defaults). Others seen in `context.available` are added as they appear.
   */
  backends?: readonly BackendId[];
  /** Query types known up front (default the five defaults); others are added as seen. */
  queryTypes?: readonly QueryType[];
  /** Classifies queries that carry `text` but no `type`; default the old word patterns. */
  classifier?: QueryClassifier;
}

let sharedClassifier: QueryClassifier | undefined;

/** The default classifier (old word patterns), compiled once and shared. */
export function defaultClassifier(): QueryClassifier {
  if (sharedClassifier === undefined) sharedClassifier = new QueryClassifier();
  return sharedClassifier;
}

/**
 * Shared plumbing for the built-in routers: name interning, availability resolution, query
 * typing, outcome validation and counters. Subclasses implement the choice itself.
 */
export abstract class BaseRouter implements Router, DecisionExplainer {
  readonly name: string;
  protected readonly rng: RandomStream;
  protected readonly backends: NameIndex;
  protected readonly types: NameIndex;
  protected readonly avail = new AvailableSet();
  protected readonly classifier: QueryClassifier;
  /** Router type index of each classifier type. */
  private readonly classTypes: Int32Array;
  private readonly unknownType: number;
  private lastType: string | undefined;
  private lastTypeIndex = -1;
  protected decisions = 0;
  protected outcomes = 0;

  /**
   * @param name the strategy name decisions carry
   * @param options shared options
   */
  constructor(name: string, options: BaseRouterOptions = {}) {
    this.name = name;
    if (options.seed !== undefined && !Number.isFinite(options.seed)) {
      throw new RoutingInputError("seed", `must be a finite number, got ${options.seed}`);
    }
    this.rng = options.rng ?? createStream(options.seed ?? 0, "router", name);
    this.backends = new NameIndex(options.backends ?? DEFAULT_BACKENDS);
    this.types = new NameIndex(options.queryTypes ?? DEFAULT_QUERY_TYPES);
    this.classifier = options.classifier ?? defaultClassifier();
    this.classTypes = Int32Array.from(this.classifier.types, (t) => this.types.intern(t));
    this.unknownType = this.types.intern(this.classifier.fallbackType);
  }

  abstract select(query: Query, context: RoutingContext): Decision;
  abstract record(outcome: Outcome): void;
  abstract explain(decision: Decision): string;

  /** Counters plus strategy-specific details. */
  stats(): RouterStats {
    return {
      strategy: this.name,
      decisions: this.decisions,
      outcomes: this.outcomes,
      details: this.details(),
    };
  }

  /** Strategy-specific statistics for {@link BaseRouter.stats}. */
  protected details(): Record<string, unknown> | undefined {
    return undefined;
  }

  /**
   * The query's type index: its `type`, else its classified `text`, else the fallback type.
   * @throws {RoutingInputError} when `type` is present but not a non-empty string
   */
  protected typeOf(query: Query): number {
    const type = query.type;
    if (type !== undefined) {
      if (type === this.lastType) return this.lastTypeIndex;
      if (typeof type !== "string" || type === "") {
        throw new RoutingInputError("query.type", `must be a non-empty string, got ${type}`);
      }
      this.lastTypeIndex = this.types.intern(type);
      this.lastType = type;
      return this.lastTypeIndex;
    }
    const text = query.text;
    if (text !== undefined) {
      if (typeof text !== "string") {
        throw new RoutingInputError("query.text", `must be a string, got ${typeof text}`);
      }
      return this.classTypes[this.classifier.typeIndexOf(text)];
    }
    return this.unknownType;
  }

  /**
   * Validates an outcome and counts it.
   * @returns the backend index that served it
   * @throws {RoutingInputError} on bad relevance, latency or decision
   */
  protected acceptOutcome(outcome: Outcome): number {
    validateOutcome(outcome);
    this.outcomes++;
    const backend = outcome.backend ?? outcome.decision.backend;
    return this.backends.intern(backend);
  }

  /**
   * Validates and counts an outcome like {@link BaseRouter.acceptOutcome}, and leaves its type
   * index in `outcomeT`. Why: for this router's own decisions served by the chosen backend,
   * the indices the decision carries are used instead of two name lookups per outcome.
   * @returns the backend index that served it
   * @throws {RoutingInputError} on bad relevance, latency or decision
   */
  protected acceptOutcomeIndices(outcome: Outcome): number {
    validateOutcome(outcome);
    this.outcomes++;
    const d = outcome.decision;
    if (
      d instanceof Decision &&
      d.backendIndex >= 0 &&
      d.madeBy(this) &&
      (outcome.backend === undefined || outcome.backend === d.backend)
    ) {
      this.outcomeT = d.typeIndex;
      return d.backendIndex;
    }
    this.outcomeT = this.outcomeType(outcome);
    return this.backends.intern(outcome.backend ?? d.backend);
  }

  /**
   * A decision by this router: backend index `b` among the available list last resolved, for
   * type index `t`. One place builds decisions, so every strategy fills them alike.
   *
   * @param b backend index
   * @param confidence in [0, 1]
   * @param t type index
   * @param scores per-candidate scores, for the explanation and ranking
   * @param note strategy-specific detail for the explanation
   */
  protected decide(
    b: number,
    confidence: number,
    t: number,
    scores?: readonly number[],
    note?: string | number,
  ): Decision {
    const d = new Decision(
      this.backends.names[b],
      confidence,
      this.types.names[t],
      this.name,
      this,
      this.avail.list,
      scores,
      note,
    );
    // So this router's `record` finds the cell without name lookups (acceptOutcomeIndices).
    d.typeIndex = t;
    d.backendIndex = b;
    return d;
  }

  /** The type index of the outcome last passed to {@link BaseRouter.acceptOutcomeIndices}. */
  protected outcomeT = 0;

  /**
   * Probabilities that put everything on backend index `b` of the available set last resolved,
   * for {@link Router.probabilities} of deterministic choices.
   * @param b a backend index in `this.avail`
   * @returns one probability per available backend, in the context's order
   */
  protected certain(b: number): number[] {
    const { idx, n } = this.avail;
    const p = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      if (idx[i] === b) {
        p[i] = 1;
        break;
      }
    }
    return p;
  }

  /** The type index of an outcome's decision. */
  protected outcomeType(outcome: Outcome): number {
    const type = outcome.decision.queryType;
    if (type === this.lastType) return this.lastTypeIndex;
    return this.types.intern(type);
  }
}
