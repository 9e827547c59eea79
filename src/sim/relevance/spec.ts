/**
 * Relevance specs: how relevant a backend's answer to one query type is, in [0, 1].
 * A query succeeds on relevance when the draw reaches the scenario's `slo.minRelevance`.
 */

/**
 * Beta-distributed relevance. Give `alpha` and `beta`, or `mean` and `concentration`
 * (α = mean·concentration, β = (1 − mean)·concentration).
 */
export interface BetaRelevanceSpec {
  type: "beta";
  alpha?: number;
  beta?: number;
  mean?: number;
  concentration?: number;
}

/** Relevance 1 with probability `p`, else 0: a pure Bernoulli bandit arm. */
export interface BernoulliRelevanceSpec {
  type: "bernoulli";
  p: number;
}

/** A fixed relevance; useful in tests. */
export interface ConstantRelevanceSpec {
  type: "constant";
  value: number;
}

/** Any relevance model a scenario can state per backend and query type. */
export type RelevanceSpec = BetaRelevanceSpec | BernoulliRelevanceSpec | ConstantRelevanceSpec;
