/**
 * Distribution specs: the JSON form of a latency distribution in a scenario file. Calibration
 * writes the same form when it fits a distribution to measured latencies, so this module is the
 * contract between the two; every field is documented in data/scenarios/README.md.
 *
 * All parameters are in the unit of the quantity (milliseconds for latency). `shift` adds a
 * constant floor (e.g. a network round trip) to any parametric form: X = shift + Y.
 */

/** A fixed value; useful for mock backends and tests. */
export interface ConstantSpec {
  type: "constant";
  value: number;
}

/**
 * Log-normal: ln(X − shift) ~ N(μ, σ²). Give either `median` and `p99` (the form engineers
 * read off a dashboard; p99 must exceed median) or `mu` and `sigma` (natural-log scale).
 */
export interface LognormalSpec {
  type: "lognormal";
  median?: number;
  p99?: number;
  mu?: number;
  sigma?: number;
  shift?: number;
}

/** Gamma with shape k and scale θ (mean kθ). */
export interface GammaSpec {
  type: "gamma";
  shape: number;
  scale: number;
  shift?: number;
}

/** Exponential with the given mean (rate 1/mean). */
export interface ExponentialSpec {
  type: "exponential";
  mean: number;
  shift?: number;
}

/** Pareto (type I) with minimum `scale` (x_m) and tail index `shape` (α); infinite mean when α ≤ 1. */
export interface ParetoSpec {
  type: "pareto";
  scale: number;
  shape: number;
  shift?: number;
}

/** Weibull with shape k and scale λ: P(X ≤ x) = 1 − exp(−(x/λ)^k). */
export interface WeibullSpec {
  type: "weibull";
  shape: number;
  scale: number;
  shift?: number;
}

/** A weighted mixture; weights are relative (they need not sum to 1). */
export interface MixtureSpec {
  type: "mixture";
  components: { weight: number; distribution: DistributionSpec }[];
}

/** The empirical distribution of recorded samples: draws resample them uniformly. */
export interface EmpiricalSpec {
  type: "empirical";
  samples: number[];
}

/** Any latency distribution a scenario (or a calibration fit) can state. */
export type DistributionSpec =
  | ConstantSpec
  | LognormalSpec
  | GammaSpec
  | ExponentialSpec
  | ParetoSpec
  | WeibullSpec
  | MixtureSpec
  | EmpiricalSpec;

/** The `type` names of {@link DistributionSpec}. */
export const DISTRIBUTION_TYPES = [
  "constant",
  "lognormal",
  "gamma",
  "exponential",
  "pareto",
  "weibull",
  "mixture",
  "empirical",
] as const;
