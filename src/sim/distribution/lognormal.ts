import { randomLogNormal } from "d3-random";
import jStat from "jstat";
import { type Distribution, shifted } from "./distribution.js";
import type { LognormalSpec } from "./spec.js";

/** Φ⁻¹(0.99): the standard normal's 99th percentile. */
export const Z99 = 2.3263478740408408;

/**
 * Resolves μ and σ from either form of the spec.
 *
 * @param spec median+p99 or mu+sigma (validated by the scenario schema)
 * @returns natural-log-scale μ and σ
 * @throws {RangeError} when neither complete form is given
 */
export function lognormalParams(spec: LognormalSpec): { mu: number; sigma: number } {
  if (spec.mu !== undefined && spec.sigma !== undefined) return { mu: spec.mu, sigma: spec.sigma };
  if (spec.median !== undefined && spec.p99 !== undefined) {
    const shift = spec.shift ?? 0;
    // The stated median and p99 are of X = shift + Y, so fit Y's.
    const m = spec.median - shift;
    return { mu: Math.log(m), sigma: (Math.log(spec.p99 - shift) - Math.log(m)) / Z99 };
  }
  throw new RangeError("lognormal needs either median and p99, or mu and sigma");
}

/**
 * Log-normal latency: ln(X − shift) ~ N(μ, σ²).
 *
 * @param spec the spec
 * @returns the compiled distribution
 * @example lognormalDistribution({ type: "lognormal", median: 45, p99: 400 }).quantile(0.5) // 45
 */
export function lognormalDistribution(spec: LognormalSpec): Distribution {
  const { mu, sigma } = lognormalParams(spec);
  const base: Distribution = {
    spec,
    mean: Math.exp(mu + (sigma * sigma) / 2),
    sampler: (source) => randomLogNormal.source(source)(mu, sigma),
    cdf: (x) =>
      x <= 0 ? 0 : sigma === 0 ? (Math.log(x) >= mu ? 1 : 0) : jStat.lognormal.cdf(x, mu, sigma),
    quantile: (p) => Math.exp(mu + sigma * jStat.normal.inv(p, 0, 1)),
  };
  return shifted(base, spec.shift ?? 0, spec);
}
