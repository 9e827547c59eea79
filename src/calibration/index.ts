export { aic, akaikeWeights } from "./aic.js";
export { comparePercentiles, type PercentileComparison } from "./compare-percentiles.js";
export { digamma } from "./digamma.js";
export { distributionCdf, distributionQuantile } from "./distribution-functions.js";
export { distributionToSpec } from "./distribution-spec.js";
export {
  estimateRelevance,
  MIN_BETA_SAMPLE,
  pooledConcentration,
  type RelevanceEstimate,
  type RelevanceEstimateOptions,
  type RelevancePrior,
} from "./estimate-relevance.js";
export {
  type CensoredFit,
  type CensoredSample,
  fitCensored,
  type TimeoutModel,
} from "./fit-censored.js";
export { fitDistribution } from "./fit-distribution.js";
export { type EmpiricalOptions, fitEmpirical } from "./fit-empirical.js";
export { fitGamma, type GammaEstimate } from "./fit-gamma.js";
export { fitLatency } from "./fit-latency.js";
export { fitLognormal, type LognormalEstimate } from "./fit-lognormal.js";
export { fitMixture } from "./fit-mixture.js";
export { type FitTimeoutsOptions, fitTimeouts, type TimeoutFitReport } from "./fit-timeouts.js";
export {
  type BackendFit,
  type FitTraceOptions,
  fitTrace,
  type QueryTypeOutcome,
  type TraceFit,
} from "./fit-trace.js";
export { fitWeibull, type WeibullEstimate } from "./fit-weibull.js";
export { describeDistribution, formatTraceFit } from "./format-trace-fit.js";
export { ksPValue, ksStatistic, ksTest } from "./ks-test.js";
export type {
  FitLatencyOptions,
  LatencyFitReport,
  MixtureFit,
  SampleGroup,
} from "./latency-fit-types.js";
export { logDensity, logLikelihood } from "./log-likelihood.js";
export { type NelderMeadOptions, type NelderMeadResult, nelderMead } from "./nelder-mead.js";
export {
  type CdfPoint,
  cdfPoints,
  ecdfPoints,
  type PointsOptions,
  type QqPoint,
  qqPoints,
} from "./plot-points.js";
export { type SimulateTraceOptions, simulateTrace } from "./simulate-trace.js";
export {
  type TraceScenario,
  type TraceScenarioOptions,
  traceFitToScenario,
} from "./trace-fit-to-scenario.js";
export { trigamma } from "./trigamma.js";
export type {
  DistributionFit,
  EmpiricalDistribution,
  GammaDistribution,
  KsResult,
  LatencyDistribution,
  LatencyFamily,
  LognormalDistribution,
  MixtureDistribution,
  ParametricFamily,
  WeibullDistribution,
} from "./types.js";
