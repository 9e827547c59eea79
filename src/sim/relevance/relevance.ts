import jStat from "jstat";
import type { RandomSource } from "../../random/index.js";
import { betaTableSampler } from "./beta-table.js";
import { logisticLogit, sigmoid, textWords } from "./logistic.js";
import type { LogisticRelevanceSpec, RelevanceSpec } from "./spec.js";

/** A compiled relevance model. */
export interface Relevance {
  readonly spec: RelevanceSpec;
  /** E[relevance] (of a query without words, when {@link contextual}). */
  readonly mean: number;
  /**
   * Whether the model depends on the query's text (a `logistic` spec): then {@link forText}
   * gives each query's own model, and the other members describe a query without words.
   */
  readonly contextual: boolean;
  /** Identifies the distribution: equal keys draw alike (queries with equal keys share rewards). */
  readonly key: string;
  /**
   * Builds a sampler bound to `source`. `threshold` (the SLO's minRelevance) lets a Beta
   * sampler be exact at the threshold (see {@link betaTableSampler}); others ignore it.
   */
  sampler(source: RandomSource, threshold: number): () => number;
  /** P(relevance ≥ threshold): the relevance half of a success's probability. */
  probAtLeast(threshold: number): number;
  /** The model of a query with this text: itself unless {@link contextual}. */
  forText(text: string | undefined): Relevance;
}

/**
 * Compiles a validated relevance spec.
 *
 * @param spec a spec that passed {@link relevanceSpecSchema}
 * @returns the compiled model
 * @example compileRelevance({ type: "beta", alpha: 8, beta: 2 }).mean // 0.8
 */
export function compileRelevance(spec: RelevanceSpec): Relevance {
  switch (spec.type) {
    case "beta": {
      const a = spec.alpha ?? (spec.mean ?? 0.5) * (spec.concentration ?? 2);
      const b = spec.beta ?? (1 - (spec.mean ?? 0.5)) * (spec.concentration ?? 2);
      return fixed(spec, a / (a + b), `beta:${a},${b}`, {
        sampler: (source, threshold) => betaTableSampler(a, b, threshold, source),
        probAtLeast: (m) => (m <= 0 ? 1 : m > 1 ? 0 : 1 - jStat.ibeta(m, a, b)),
      });
    }
    case "bernoulli": {
      const p = spec.p;
      return fixed(spec, p, `bernoulli:${p}`, {
        sampler: (source) => () => (source() < p ? 1 : 0),
        probAtLeast: (m) => (m <= 0 ? 1 : m > 1 ? 0 : p),
      });
    }
    case "constant": {
      const v = spec.value;
      return fixed(spec, v, `constant:${v}`, {
        sampler: () => () => v,
        probAtLeast: (m) => (v >= m ? 1 : 0),
      });
    }
    case "logistic":
      return logistic(spec);
  }
}

/** A model that does not depend on the text. */
function fixed(
  spec: RelevanceSpec,
  mean: number,
  key: string,
  parts: Pick<Relevance, "sampler" | "probAtLeast">,
): Relevance {
  const r: Relevance = {
    spec,
    mean,
    contextual: false,
    key,
    ...parts,
    forText: () => r,
  };
  return r;
}

/**
 * A logistic model: per text, the Beta (or Bernoulli) of mean σ(log-odds of its words). The
 * model itself behaves as the text-less query's.
 */
function logistic(spec: LogisticRelevanceSpec): Relevance {
  const at = (text: string | undefined): Relevance => {
    const m = sigmoid(logisticLogit(spec, textWords(text)));
    const c = spec.concentration;
    return compileRelevance(
      c === undefined
        ? { type: "bernoulli", p: m }
        : { type: "beta", alpha: m * c, beta: (1 - m) * c },
    );
  };
  const plain = at(undefined);
  return {
    spec,
    mean: plain.mean,
    contextual: true,
    key: plain.key,
    sampler: plain.sampler,
    probAtLeast: plain.probAtLeast,
    forText: at,
  };
}
