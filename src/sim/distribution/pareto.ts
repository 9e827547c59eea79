import { randomPareto } from "d3-random";
import { type Distribution, shifted } from "./distribution.js";
import type { ParetoSpec } from "./spec.js";

/**
 * Pareto (type I) latency: P(X > x) = (x_m / x)^α for x ≥ x_m.
 *
 * @param spec the spec (`scale` = x_m, `shape` = α)
 * @returns the compiled distribution
 * @example paretoDistribution({ type: "pareto", scale: 10, shape: 2 }).quantile(0.75) // 20
 */
export function paretoDistribution(spec: ParetoSpec): Distribution {
  const { scale, shape } = spec;
  const base: Distribution = {
    spec,
    mean: shape > 1 ? (shape * scale) / (shape - 1) : Number.POSITIVE_INFINITY,
    sampler(source) {
      // d3's randomPareto draws with x_m = 1.
      const draw = randomPareto.source(source)(shape);
      return () => scale * draw();
    },
    cdf: (x) => (x <= scale ? 0 : 1 - (scale / x) ** shape),
    quantile: (p) => scale * (1 - p) ** (-1 / shape),
  };
  return shifted(base, spec.shift ?? 0, spec);
}
