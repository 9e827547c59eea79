import jStat from "jstat";
import type { RandomSource } from "../../random/index.js";
import { betaTableSampler } from "./beta-table.js";
import type { RelevanceSpec } from "./spec.js";

/** A compiled relevance model. */
export interface Relevance {
  readonly spec: RelevanceSpec;
  /** E[relevance]. */
  readonly mean: number;
  /**
   * Builds a sampler bound to `source`. `threshold` (the SLO's minRelevance) lets a Beta
   * sampler be exact at the threshold (see {@link betaTableSampler}); others ignore it.
   */
  sampler(source: RandomSource, threshold: number): () => number;
  /** P(relevance ≥ threshold): the relevance half of a success's probability. */
  probAtLeast(threshold: number): number;
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
      return {
        spec,
        mean: a / (a + b),
        sampler: (source, threshold) => betaTableSampler(a, b, threshold, source),
        probAtLeast: (m) => (m <= 0 ? 1 : m > 1 ? 0 : 1 - jStat.ibeta(m, a, b)),
      };
    }
    case "bernoulli": {
      const p = spec.p;
      return {
        spec,
        mean: p,
        sampler: (source) => () => (source() < p ? 1 : 0),
        probAtLeast: (m) => (m <= 0 ? 1 : m > 1 ? 0 : p),
      };
    }
    case "constant": {
      const v = spec.value;
      return { spec, mean: v, sampler: () => () => v, probAtLeast: (m) => (v >= m ? 1 : 0) };
    }
  }
}
