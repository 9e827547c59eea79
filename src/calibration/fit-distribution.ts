import { aic } from "./aic.js";
import { distributionCdf } from "./distribution-functions.js";
import { type EmpiricalOptions, fitEmpirical } from "./fit-empirical.js";
import { fitGamma } from "./fit-gamma.js";
import { fitLognormal } from "./fit-lognormal.js";
import { fitWeibull } from "./fit-weibull.js";
import { ksTest } from "./ks-test.js";
import { logLikelihood } from "./log-likelihood.js";
import type { DistributionFit, LatencyFamily } from "./types.js";

/**
 * Fits one family to a sample and scores it: log-likelihood, AIC and KS.
 *
 * @param samples latencies in ms (positive for the parametric families)
 * @param family which family to fit
 * @param options `empirical` sets how many quantiles the empirical summary keeps
 * @returns the fit with its scores and standard errors
 * @throws {RangeError} when the sample does not suit the family (see each fit)
 * @example fitDistribution(latencies, "gamma").aic
 */
export function fitDistribution(
  samples: readonly number[],
  family: LatencyFamily,
  options: { empirical?: EmpiricalOptions } = {},
): DistributionFit {
  const n = samples.length;
  if (family === "empirical") {
    const distribution = fitEmpirical(samples, options.empirical);
    return {
      distribution,
      n,
      parameters: 0,
      logLikelihood: null,
      aic: null,
      ks: ksTest(samples, (x) => distributionCdf(distribution, x)),
    };
  }
  const estimate =
    family === "lognormal"
      ? fitLognormal(samples)
      : family === "gamma"
        ? fitGamma(samples)
        : fitWeibull(samples);
  const { distribution } = estimate;
  const ll = logLikelihood(distribution, samples);
  return {
    distribution,
    n,
    parameters: 2,
    logLikelihood: ll,
    aic: aic(ll, 2),
    ks: ksTest(samples, (x) => distributionCdf(distribution, x)),
    standardErrors: { ...estimate.standardErrors },
  };
}
