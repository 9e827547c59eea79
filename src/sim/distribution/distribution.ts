import type { RandomSource } from "../../random/index.js";
import type { DistributionSpec } from "./spec.js";

/**
 * A compiled distribution of a non-negative quantity: draws, distribution function, quantiles.
 * Parameters are fixed, so samplers are d3-random style closures bound to one source.
 */
export interface Distribution {
  /** The spec it was compiled from. */
  readonly spec: DistributionSpec;
  /** The mean; `Infinity` for heavy tails without one. */
  readonly mean: number;
  /** Builds a sampler that draws from `source` (e.g. `stream.source`). */
  sampler(source: RandomSource): () => number;
  /** P(X ≤ x). */
  cdf(x: number): number;
  /** The smallest x with P(X ≤ x) ≥ p, for p in (0, 1). */
  quantile(p: number): number;
}

/**
 * Wraps a distribution of Y into one of X = shift + Y.
 *
 * @param d the unshifted distribution
 * @param shift the constant added to every draw
 * @param spec the spec to report
 * @returns the shifted distribution (or `d` itself when shift is 0)
 */
export function shifted(d: Distribution, shift: number, spec: DistributionSpec): Distribution {
  if (shift === 0) return { ...d, spec };
  return {
    spec,
    mean: shift + d.mean,
    sampler(source) {
      const draw = d.sampler(source);
      return () => shift + draw();
    },
    cdf: (x) => d.cdf(x - shift),
    quantile: (p) => shift + d.quantile(p),
  };
}
