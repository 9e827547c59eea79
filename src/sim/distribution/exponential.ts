import { randomExponential } from "d3-random";
import { type Distribution, shifted } from "./distribution.js";
import type { ExponentialSpec } from "./spec.js";

/**
 * Exponential latency with the given mean.
 *
 * @param spec the spec
 * @returns the compiled distribution
 * @example exponentialDistribution({ type: "exponential", mean: 5 }).cdf(5) // 1 − e⁻¹
 */
export function exponentialDistribution(spec: ExponentialSpec): Distribution {
  const mean = spec.mean;
  const base: Distribution = {
    spec,
    mean,
    sampler: (source) => randomExponential.source(source)(1 / mean),
    cdf: (x) => (x <= 0 ? 0 : -Math.expm1(-x / mean)),
    quantile: (p) => -mean * Math.log1p(-p),
  };
  return shifted(base, spec.shift ?? 0, spec);
}
