import type { LogisticRelevanceSpec } from "./spec.js";

/**
 * The largest log-odds a logistic relevance may reach, either way. Why: σ(37) already rounds
 * to 1 in double precision, which would make β = (1 − m)·c exactly 0, not a Beta; at ±30,
 * 1 − m ≥ 9.4·10⁻¹⁴, so both shapes stay positive (and within the Beta bounds for any
 * concentration the schema allows), and a mean of 1 − 10⁻¹³ is as certain as a scenario needs.
 */
export const LOGIT_LIMIT = 30;

/** Unicode word characters, as the classifier and the featurizer split words. */
const WORD_RE = /[\p{L}\p{N}\p{M}_]+/gu;
/** One word as the split sees it (a {@link LogisticRelevanceSpec.words} key, also lower-case). */
export const ONE_WORD = /^[\p{L}\p{N}\p{M}_]+$/u;

/**
 * The distinct lower-cased words of a text, split as the classifier splits them.
 *
 * @param text the query's text (none: no words)
 * @returns the set of its words
 * @example textWords("Graph of graphs, GRAPH!") // Set { "graph", "of", "graphs" }
 */
export function textWords(text: string | undefined): Set<string> {
  return new Set(text === undefined ? [] : (text.toLowerCase().match(WORD_RE) ?? []));
}

/**
 * A logistic relevance's log-odds for one query: the intercept plus the weight of each of the
 * model's words that occurs in the query (once, however often it occurs).
 *
 * @param spec the model
 * @param words the query's words (see {@link textWords})
 * @returns intercept + Σ weights of the words present
 * @example logisticLogit({ type: "logistic", intercept: -1, words: { graph: 3 } }, textWords("a graph")) // 2
 */
export function logisticLogit(spec: LogisticRelevanceSpec, words: ReadonlySet<string>): number {
  let z = spec.intercept;
  const table = spec.words ?? {};
  for (const w of Object.keys(table)) if (words.has(w)) z += table[w];
  return z;
}

/**
 * The range of a logistic model's log-odds over every possible query: the intercept plus all
 * negative weights, and plus all positive ones.
 *
 * @param spec the model
 * @returns [lowest, highest]
 */
export function logitRange(spec: LogisticRelevanceSpec): [number, number] {
  let lo = spec.intercept;
  let hi = spec.intercept;
  for (const w of Object.values(spec.words ?? {})) {
    if (w < 0) lo += w;
    else hi += w;
  }
  return [lo, hi];
}

/**
 * The logistic function.
 *
 * @param z log-odds
 * @returns 1 / (1 + e^(−z))
 */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
