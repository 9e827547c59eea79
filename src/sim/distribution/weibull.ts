import { randomWeibull } from "d3-random";
import jStat from "jstat";
import { type Distribution, shifted } from "./distribution.js";
import type { WeibullSpec } from "./spec.js";

/**
 * Weibull latency: P(X ≤ x) = 1 − exp(−(x/λ)^k).
 *
 * @param spec the spec (`shape` = k, `scale` = λ)
 * @returns the compiled distribution
 * @example weibullDistribution({ type: "weibull", shape: 1, scale: 5 }).mean // 5
 */
export function weibullDistribution(spec: WeibullSpec): Distribution {
  const { shape, scale } = spec;
  const base: Distribution = {
    spec,
    mean: scale * jStat.gammafn(1 + 1 / shape),
    sampler: (source) => randomWeibull.source(source)(shape, 0, scale),
    cdf: (x) => (x <= 0 ? 0 : -Math.expm1(-((x / scale) ** shape))),
    quantile: (p) => scale * (-Math.log1p(-p)) ** (1 / shape),
  };
  return shifted(base, spec.shift ?? 0, spec);
}
