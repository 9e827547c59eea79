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

/**
 * Relevance whose mean depends on the query's words: a logistic model,
 * m = σ(intercept + Σ words[w] over the distinct words w of the query's text), with words
 * matched whole and case-insensitively as the classifier splits them. The relevance is then
 * Beta(m·c, (1 − m)·c) with c = `concentration`, or Bernoulli(m) (1 with probability m, else 0)
 * without one. A query without text has m = σ(intercept). See contextual-relevance.ts.
 */
export interface LogisticRelevanceSpec {
  type: "logistic";
  /** Log-odds of the mean for a query with none of the words. */
  intercept: number;
  /** One lower-case word → the log-odds it adds when it occurs in the text (once per query). */
  words?: Record<string, number>;
  /** c of Beta(m·c, (1 − m)·c); absent: Bernoulli(m). */
  concentration?: number;
}

/** Any relevance model a scenario can state per backend and query type. */
export type RelevanceSpec =
  | BetaRelevanceSpec
  | BernoulliRelevanceSpec
  | ConstantRelevanceSpec
  | LogisticRelevanceSpec;
