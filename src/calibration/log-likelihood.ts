import jStat from "jstat";
import type { LatencyDistribution } from "./types.js";

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * The log-likelihood Σ ln f(xᵢ) of a sample under a parametric distribution.
 *
 * @param distribution a lognormal, gamma, Weibull or mixture distribution
 * @param samples the values (a value outside the support gives −Infinity)
 * @returns the log-likelihood
 * @throws {RangeError} for the empirical summary, which has no density
 * @example logLikelihood({ family: "lognormal", mu: 0, sigma: 1 }, [1]) // −0.9189…
 */
export function logLikelihood(
  distribution: LatencyDistribution,
  samples: readonly number[],
): number {
  const n = samples.length;
  let sum = 0;
  switch (distribution.family) {
    case "lognormal": {
      const { mu, sigma } = distribution;
      const c = -Math.log(sigma) - HALF_LOG_2PI;
      for (let i = 0; i < n; i++) {
        const x = samples[i];
        if (!(x > 0)) return Number.NEGATIVE_INFINITY;
        const l = Math.log(x);
        const z = (l - mu) / sigma;
        sum += c - l - 0.5 * z * z;
      }
      return sum;
    }
    case "gamma": {
      const { shape, scale } = distribution;
      const c = -shape * Math.log(scale) - jStat.gammaln(shape);
      for (let i = 0; i < n; i++) {
        const x = samples[i];
        if (!(x > 0)) return Number.NEGATIVE_INFINITY;
        sum += c + (shape - 1) * Math.log(x) - x / scale;
      }
      return sum;
    }
    case "weibull": {
      const { shape, scale } = distribution;
      const c = Math.log(shape) - shape * Math.log(scale);
      for (let i = 0; i < n; i++) {
        const x = samples[i];
        if (!(x > 0)) return Number.NEGATIVE_INFINITY;
        sum += c + (shape - 1) * Math.log(x) - (x / scale) ** shape;
      }
      return sum;
    }
    case "empirical":
      throw new RangeError("the empirical summary has no density, so no log-likelihood");
    case "mixture":
      for (let i = 0; i < n; i++) sum += logDensity(distribution, samples[i]);
      return sum;
  }
}

/**
 * The log-density ln f(x) of a parametric distribution or a mixture of them.
 *
 * @param distribution any fitted distribution except the empirical summary
 * @param x a value
 * @returns ln f(x); −Infinity outside the support
 * @throws {RangeError} for the empirical summary (or a mixture containing one)
 * @example Math.exp(logDensity({ family: "weibull", shape: 1, scale: 2 }, 0.5)) // 0.5·e^(−0.25)
 */
export function logDensity(distribution: LatencyDistribution, x: number): number {
  if (distribution.family !== "mixture") return logLikelihood(distribution, [x]);
  // log-sum-exp over the components, so tiny densities do not underflow to 0.
  const logs = distribution.components.map(
    (c) => Math.log(c.weight) + logDensity(c.distribution, x),
  );
  const top = Math.max(...logs);
  if (top === Number.NEGATIVE_INFINITY) return top;
  let sum = 0;
  for (const l of logs) sum += Math.exp(l - top);
  return top + Math.log(sum);
}
