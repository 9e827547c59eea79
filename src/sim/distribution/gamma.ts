import { randomGamma } from "d3-random";
import jStat from "jstat";
import { type Distribution, shifted } from "./distribution.js";
import type { GammaSpec } from "./spec.js";

/**
 * Gamma latency with shape k and scale θ.
 *
 * @param spec the spec
 * @returns the compiled distribution
 * @example gammaDistribution({ type: "gamma", shape: 2, scale: 5 }).mean // 10
 */
export function gammaDistribution(spec: GammaSpec): Distribution {
  const { shape, scale } = spec;
  const base: Distribution = {
    spec,
    mean: shape * scale,
    sampler: (source) => randomGamma.source(source)(shape, scale),
    cdf: (x) => (x <= 0 ? 0 : jStat.gamma.cdf(x, shape, scale)),
    quantile: (p) => jStat.gamma.inv(p, shape, scale),
  };
  return shifted(base, spec.shift ?? 0, spec);
}
