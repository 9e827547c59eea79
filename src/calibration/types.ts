/**
 * Latency distributions the calibration fits, as plain JSON-friendly values. Parameter names
 * follow the usual textbook forms (and jstat's argument order) so a notebook can pass them on.
 */

/** The parametric families fitted by maximum likelihood. */
export type ParametricFamily = "lognormal" | "gamma" | "weibull";
/** Every family `fitLatency` knows, including the non-parametric quantile summary. */
export type LatencyFamily = ParametricFamily | "empirical";

/** ln X ~ Normal(mu, sigma²). Median e^mu. */
export interface LognormalDistribution {
  family: "lognormal";
  mu: number;
  sigma: number;
}

/** Gamma with shape k and scale θ: mean kθ, variance kθ². */
export interface GammaDistribution {
  family: "gamma";
  shape: number;
  scale: number;
}

/** Weibull with shape k and scale λ: P(X > x) = exp(−(x/λ)^k). */
export interface WeibullDistribution {
  family: "weibull";
  shape: number;
  scale: number;
}

/**
 * The sample summarised by `quantiles[i]` = Q((i + ½)/m), m = quantiles.length, ascending.
 * Drawing one of them uniformly reproduces the sample's distribution at resolution 1/m; the
 * CDF interpolates linearly between them.
 */
export interface EmpiricalDistribution {
  family: "empirical";
  quantiles: number[];
}

/**
 * A weighted mixture, e.g. one component per query type when a backend's latency depends on
 * what it is asked. Weights are positive and sum to 1.
 */
export interface MixtureDistribution {
  family: "mixture";
  components: { weight: number; label?: string; distribution: LatencyDistribution }[];
}

/** Any fitted latency distribution (milliseconds). */
export type LatencyDistribution =
  | LognormalDistribution
  | GammaDistribution
  | WeibullDistribution
  | EmpiricalDistribution
  | MixtureDistribution;

/** The Kolmogorov–Smirnov statistic of a sample against a distribution. */
export interface KsResult {
  /** sup |F_n(x) − F(x)|. */
  statistic: number;
  /**
   * Asymptotic p-value (Kolmogorov distribution with Stephens' small-n correction). When the
   * parameters were fitted to the same sample the test is conservative: the true p-value is
   * smaller (Lilliefors), so read a small p as a clear misfit and a large one as "no evidence".
   */
  pValue: number;
}

/** One family fitted to one sample. */
export interface DistributionFit {
  distribution: LatencyDistribution;
  /** Sample size. */
  n: number;
  /**
   * Free parameters (0 for the empirical summary, which AIC does not rank; for a mixture the
   * components' parameters plus its weights).
   */
  parameters: number;
  /**
   * Maximised log-likelihood; null for the empirical summary (it has no finite likelihood) and
   * for a mixture with an empirical component.
   */
  logLikelihood: number | null;
  /** 2k − 2 ln L; null for the empirical summary. */
  aic: number | null;
  ks: KsResult;
  /**
   * Asymptotic standard errors of the parameters from the Fisher information, by parameter
   * name (e.g. `{ mu, sigma }`); absent for the empirical summary.
   */
  standardErrors?: Record<string, number>;
}
