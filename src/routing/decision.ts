import type { SparseFeatures } from "./featurize.js";
import type { BackendId, QueryType, RoutingDecision } from "./types.js";

/** Explains a decision on demand; routers implement it so `reason` costs nothing until read. */
export interface DecisionExplainer {
  /** @returns the sentence for `decision.reason` */
  explain(decision: Decision): string;
}

/**
 * The routing decision every built-in router returns.
 *
 * Why a class with lazy getters: a simulation makes millions of decisions and reads only
 * `backend` of most of them. Building the reason sentence and ranking the alternatives eagerly
 * would cost more than the decision itself, so both are computed (once) when first read, from
 * a snapshot taken at decision time (`scores` is per-decision, never shared mutable state).
 * One class for all strategies keeps the simulator's call sites monomorphic.
 */
export class Decision implements RoutingDecision {
  private reasonText: string | undefined;
  private ranked: readonly BackendId[] | undefined;
  /**
   * The deciding router's own indices of `queryType` and `backend` (−1 when it did not set
   * them). Why: the router's `record` then finds the cell without two name lookups; it uses
   * them only for its own decisions (see {@link Decision.madeBy}).
   */
  typeIndex = -1;
  /** See {@link Decision.typeIndex}. */
  backendIndex = -1;
  /**
   * The query's features, set by contextual routers (linucb, linear-thompson) so that their
   * `record` learns from the context the decision saw without featurizing the text again.
   */
  features: SparseFeatures | undefined = undefined;

  /**
   * @param backend the chosen backend
   * @param confidence in [0, 1]
   * @param queryType the query's type
   * @param strategy the deciding strategy's name
   * @param explainer builds `reason` on demand
   * @param candidates the available backends at decision time (not copied: callers pass a
   *   list they never mutate)
   * @param scores optional, one per candidate: alternatives are ranked by descending score;
   *   without scores they keep the candidates' order
   * @param note strategy-specific detail the explainer reads (e.g. the matched text)
   * @param alternatives precomputed alternatives (shared immutable arrays are fine)
   */
  constructor(
    readonly backend: BackendId,
    readonly confidence: number,
    readonly queryType: QueryType,
    readonly strategy: string,
    private readonly explainer: DecisionExplainer,
    readonly candidates: readonly BackendId[],
    readonly scores: readonly number[] | undefined,
    readonly note: string | number | undefined,
    alternatives?: readonly BackendId[],
  ) {
    this.ranked = alternatives;
  }

  /**
   * @param explainer a router
   * @returns whether that router made this decision (so its indices are that router's)
   */
  madeBy(explainer: DecisionExplainer): boolean {
    return this.explainer === explainer;
  }

  /** A human-readable sentence saying why this backend was chosen. */
  get reason(): string {
    if (this.reasonText === undefined) this.reasonText = this.explainer.explain(this);
    return this.reasonText;
  }

  /** The other available backends, best first. */
  get alternatives(): readonly BackendId[] {
    if (this.ranked === undefined) this.ranked = rankAlternatives(this);
    return this.ranked;
  }

  /** A plain object (getters are not own properties, so JSON needs this). */
  toJSON(): RoutingDecision {
    return decisionJSON(this);
  }
}

/**
 * A decision's fields as a plain object, for JSON (decision classes expose them as getters,
 * which JSON.stringify does not see).
 *
 * @param d any routing decision
 * @returns its six fields
 */
export function decisionJSON(d: RoutingDecision): RoutingDecision {
  return {
    backend: d.backend,
    confidence: d.confidence,
    queryType: d.queryType,
    reason: d.reason,
    alternatives: d.alternatives,
    strategy: d.strategy,
  };
}

function rankAlternatives(d: Decision): readonly BackendId[] {
  const { candidates, scores, backend } = d;
  const order: number[] = [];
  for (let i = 0; i < candidates.length; i++) {
    if (candidates[i] !== backend && candidates.indexOf(candidates[i]) === i) order.push(i);
  }
  if (scores !== undefined) order.sort((a, b) => scores[b] - scores[a] || a - b);
  return order.map((i) => candidates[i]);
}
