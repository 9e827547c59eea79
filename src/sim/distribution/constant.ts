import type { Distribution } from "./distribution.js";
import type { ConstantSpec } from "./spec.js";

/**
 * A point mass at `value`.
 *
 * @param spec `{ type: "constant", value }`
 * @returns the compiled distribution
 * @example constantDistribution({ type: "constant", value: 10 }).quantile(0.99) // 10
 */
export function constantDistribution(spec: ConstantSpec): Distribution {
  const v = spec.value;
  return {
    spec,
    mean: v,
    sampler: () => () => v,
    cdf: (x) => (x >= v ? 1 : 0),
    quantile: () => v,
  };
}
