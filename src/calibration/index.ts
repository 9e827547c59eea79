export { aic, akaikeWeights } from "./aic.js";
export { digamma } from "./digamma.js";
export { distributionCdf, distributionQuantile } from "./distribution-functions.js";
export { fitDistribution } from "./fit-distribution.js";
export { type EmpiricalOptions, fitEmpirical } from "./fit-empirical.js";
export { fitGamma, type GammaEstimate } from "./fit-gamma.js";
export { type FitLatencyOptions, fitLatency, type LatencyFitReport } from "./fit-latency.js";
export { fitLognormal, type LognormalEstimate } from "./fit-lognormal.js";
export { fitWeibull, type WeibullEstimate } from "./fit-weibull.js";
export { ksPValue, ksStatistic, ksTest } from "./ks-test.js";
export { logLikelihood } from "./log-likelihood.js";
export {
  type CdfPoint,
  cdfPoints,
  ecdfPoints,
  type PointsOptions,
  type QqPoint,
  qqPoints,
} from "./plot-points.js";
export { trigamma } from "./trigamma.js";
export type {
  DistributionFit,
  EmpiricalDistribution,
  GammaDistribution,
  KsResult,
  LatencyDistribution,
  LatencyFamily,
  LognormalDistribution,
  ParametricFamily,
  WeibullDistribution,
} from "./types.js";
