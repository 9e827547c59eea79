import jStat from "jstat";
import type { EmpiricalDistribution, LatencyDistribution, MixtureDistribution } from "./types.js";

/**
 * The cumulative distribution function F(x) = P(X ≤ x) of a fitted distribution.
 *
 * @param distribution any fitted distribution; the empirical one interpolates linearly
 * between its quantiles (flat 0 below the first and 1 above the last)
 * @param x a latency in ms
 * @returns F(x) in [0, 1]
 * @example distributionCdf({ family: "weibull", shape: 1, scale: 10 }, 10) // 1 − 1/e
 */
export function distributionCdf(distribution: LatencyDistribution, x: number): number {
  switch (distribution.family) {
    case "lognormal":
      return x <= 0 ? 0 : jStat.lognormal.cdf(x, distribution.mu, distribution.sigma);
    case "gamma":
      return x <= 0 ? 0 : jStat.gamma.cdf(x, distribution.shape, distribution.scale);
    case "weibull":
      return x <= 0 ? 0 : jStat.weibull.cdf(x, distribution.scale, distribution.shape);
    case "empirical":
      return empiricalCdf(distribution, x);
    case "mixture": {
      let sum = 0;
      for (const c of distribution.components) sum += c.weight * distributionCdf(c.distribution, x);
      return Math.min(1, sum);
    }
  }
}

/**
 * The quantile function Q(p) = F⁻¹(p) of a fitted distribution.
 *
 * @param distribution any fitted distribution
 * @param p a probability in (0, 1)
 * @returns the latency in ms below which a fraction p falls
 * @throws {RangeError} when p is outside (0, 1)
 * @example distributionQuantile({ family: "lognormal", mu: Math.log(45), sigma: 0.8 }, 0.5) // 45
 */
export function distributionQuantile(distribution: LatencyDistribution, p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be in (0, 1), got ${p}`);
  switch (distribution.family) {
    case "lognormal":
      return jStat.lognormal.inv(p, distribution.mu, distribution.sigma);
    case "gamma":
      return jStat.gamma.inv(p, distribution.shape, distribution.scale);
    case "weibull":
      // Closed form; jstat's inverse takes (p, scale, shape).
      return distribution.scale * (-Math.log1p(-p)) ** (1 / distribution.shape);
    case "empirical": {
      const q = distribution.quantiles;
      const m = q.length;
      const h = p * m - 0.5;
      if (h <= 0) return q[0];
      if (h >= m - 1) return q[m - 1];
      const j = Math.floor(h);
      return q[j] + (h - j) * (q[j + 1] - q[j]);
    }
    case "mixture":
      return mixtureQuantile(distribution, p);
  }
}

/**
 * The mixture's quantile by bisection on its CDF: it lies between the smallest and largest
 * component quantile at p (the CDF is a weighted mean of the components' CDFs there).
 */
function mixtureQuantile(distribution: MixtureDistribution, p: number): number {
  let lo = Number.POSITIVE_INFINITY;
  let hi = 0;
  for (const c of distribution.components) {
    const q = distributionQuantile(c.distribution, p);
    if (q < lo) lo = q;
    if (q > hi) hi = q;
  }
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (distributionCdf(distribution, mid) < p) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Inverse of the empirical quantile interpolation: quantile i sits at probability (i + ½)/m. */
function empiricalCdf(distribution: EmpiricalDistribution, x: number): number {
  const q = distribution.quantiles;
  const m = q.length;
  if (x < q[0]) return 0;
  if (x >= q[m - 1]) return 1;
  // Last index with q[j] <= x, by binary search.
  let lo = 0;
  let hi = m - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (q[mid] <= x) lo = mid;
    else hi = mid;
  }
  const width = q[lo + 1] - q[lo];
  const frac = width > 0 ? (x - q[lo]) / width : 0;
  return (lo + 0.5 + frac) / m;
}
