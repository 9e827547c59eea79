import jStat from "jstat";
import { aic } from "./aic.js";
import { distributionCdf } from "./distribution-functions.js";
import { fitGamma } from "./fit-gamma.js";
import { fitLognormal } from "./fit-lognormal.js";
import { fitWeibull } from "./fit-weibull.js";
import { ksTest } from "./ks-test.js";
import { nelderMead } from "./nelder-mead.js";
import { checkPositiveSample } from "./positive-sample.js";
import type { DistributionFit, LatencyDistribution, ParametricFamily } from "./types.js";

/**
 * One backend's rows as a timeout model sees them: the latencies of answered rows, how many
 * rows failed before the timeout (their latency unused) and how many timed out.
 */
export interface CensoredSample {
  /** Latencies of rows that answered (status `ok`). */
  answered: readonly number[];
  /** Rows that ended in an error before the timeout: they count as "answered by T", latency unknown. */
  errors: number;
  /** Rows that timed out: censored at `timeoutMs`. */
  timeouts: number;
  /** The timeout in ms. */
  timeoutMs: number;
}

/**
 * How timed-out rows are read:
 * - `censored`: a slow tail that ran into the limit. A timed-out row is a latency draw known
 *   only to exceed the timeout T, so it contributes ln S(T) to the log-likelihood.
 * - `hang`: a request hangs (never answers) with probability h, else it draws a latency that
 *   may still run past T. A timed-out row contributes ln(h + (1 − h)·S(T)), an answered one
 *   ln((1 − h)·f(x)). It nests `censored` (h = 0) with one more parameter.
 */
export type TimeoutModel = "censored" | "hang";

/** One family fitted to a {@link CensoredSample} under one {@link TimeoutModel}. */
export interface CensoredFit {
  model: TimeoutModel;
  /**
   * The latency distribution and its scores. `n` counts every row (answered, error, timed out);
   * `parameters` is 2, plus 1 for the hang probability; the KS test compares the answered
   * latencies with the fitted distribution conditioned on answering by T, F(x)/F(T).
   */
  fit: DistributionFit;
  /** The hang probability h (0 for `censored`; may be 0 at the boundary for `hang`). */
  hangProbability: number;
  /** The model's probability that a request times out: h + (1 − h)·S(T). */
  timeoutProbability: number;
}

/** ln f(x) summed over the answered rows, ln F(T), ln S(T) of a distribution. */
interface Terms {
  sumLogDensity: number;
  logCdf: number;
  logSurvival: number;
}

/**
 * The sufficient statistics of the answered latencies, so that a likelihood evaluation costs
 * O(1) for the lognormal and gamma (and one pass of exp for the Weibull) instead of a log per
 * value: the optimiser evaluates it a few hundred times.
 */
class AnsweredStats {
  readonly n: number;
  readonly sum: number;
  readonly sumLog: number;
  readonly sumLog2: number;
  readonly logs: Float64Array;

  constructor(values: readonly number[]) {
    this.n = values.length;
    this.logs = Float64Array.from(values, Math.log);
    let sum = 0;
    let sumLog = 0;
    let sumLog2 = 0;
    for (let i = 0; i < this.n; i++) {
      sum += values[i];
      sumLog += this.logs[i];
      sumLog2 += this.logs[i] * this.logs[i];
    }
    this.sum = sum;
    this.sumLog = sumLog;
    this.sumLog2 = sumLog2;
  }
}

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** The log-likelihood terms of a lognormal, gamma or Weibull distribution at timeout t. */
function terms(d: LatencyDistribution, s: AnsweredStats, t: number): Terms {
  const n = s.n;
  switch (d.family) {
    case "lognormal": {
      const { mu, sigma } = d;
      // Σ (l − μ)² = Σ l² − 2μ Σ l + n μ².
      const ss = s.sumLog2 - 2 * mu * s.sumLog + n * mu * mu;
      const z = (Math.log(t) - mu) / sigma;
      return {
        sumLogDensity: -n * (Math.log(sigma) + HALF_LOG_2PI) - s.sumLog - ss / (2 * sigma * sigma),
        // Φ(−z) rather than 1 − Φ(z): the survival stays accurate far in the tail.
        logCdf: Math.log(jStat.normal.cdf(z, 0, 1)),
        logSurvival: Math.log(jStat.normal.cdf(-z, 0, 1)),
      };
    }
    case "gamma": {
      const { shape: k, scale: theta } = d;
      const p = jStat.lowRegGamma(k, t / theta);
      return {
        sumLogDensity:
          -n * (k * Math.log(theta) + jStat.gammaln(k)) + (k - 1) * s.sumLog - s.sum / theta,
        logCdf: Math.log(p),
        logSurvival: Math.log1p(-p),
      };
    }
    case "weibull": {
      const { shape: k, scale: lambda } = d;
      const logLambda = Math.log(lambda);
      let powers = 0;
      for (let i = 0; i < n; i++) powers += Math.exp(k * (s.logs[i] - logLambda));
      const h = (t / lambda) ** k;
      return {
        sumLogDensity: n * (Math.log(k) - k * logLambda) + (k - 1) * s.sumLog - powers,
        logCdf: Math.log(-Math.expm1(-h)),
        logSurvival: -h,
      };
    }
    default:
      throw new RangeError(`no censored likelihood for the ${d.family} family`);
  }
}

/** The distribution at unconstrained parameters: (μ, ln σ) or (ln shape, ln scale). */
function toDistribution(family: ParametricFamily, theta: readonly number[]): LatencyDistribution {
  switch (family) {
    case "lognormal":
      return { family, mu: theta[0], sigma: Math.exp(theta[1]) };
    case "gamma":
    case "weibull":
      return { family, shape: Math.exp(theta[0]), scale: Math.exp(theta[1]) };
  }
}

/** The uncensored MLE of the answered rows, as unconstrained parameters: the optimiser's start. */
function start(family: ParametricFamily, answered: readonly number[]): number[] {
  switch (family) {
    case "lognormal": {
      const d = fitLognormal(answered).distribution;
      return [d.mu, Math.log(d.sigma)];
    }
    case "gamma": {
      const d = fitGamma(answered).distribution;
      return [Math.log(d.shape), Math.log(d.scale)];
    }
    case "weibull": {
      const d = fitWeibull(answered).distribution;
      return [Math.log(d.shape), Math.log(d.scale)];
    }
  }
}

/**
 * The hang probability that maximises the hang model's likelihood for a fixed body, and the
 * likelihood's value. With a = answered + error rows, c timed-out rows, n = a + c and
 * F = F(T), the terms in h are a·ln(1 − h) + c·ln(1 − (1 − h)F); setting the derivative to 0
 * gives 1 − h = a/(nF), so ĥ = max(0, 1 − a/(nF)): the body's own tail explains the timeouts
 * when F ≤ a/n, and the hangs make up the rest otherwise. At ĥ > 0 the model's timeout
 * probability is exactly the observed c/n.
 */
function profileHang(tm: Terms, a: number, c: number): { h: number; logLik: number } {
  const n = a + c;
  const cdf = Math.exp(tm.logCdf);
  const h = Math.max(0, 1 - a / (n * cdf));
  const q = 1 - h;
  const timeoutLog = h > 0 ? Math.log(c / n) : tm.logSurvival;
  return { h, logLik: a * Math.log(q) + (c > 0 ? c * timeoutLog : 0) };
}

/**
 * Fits one parametric family to a backend's rows with timeouts by maximum likelihood, under
 * one of the two {@link TimeoutModel}s.
 *
 * Log-likelihood, with answered latencies xᵢ, e error rows, c timed-out rows, timeout T:
 * - `censored`: Σ ln f(xᵢ) + e·ln F(T) + c·ln S(T);
 * - `hang`: Σ ln f(xᵢ) + e·ln F(T) + (n_answered + e)·ln(1 − h) + c·ln(h + (1 − h)·S(T)).
 * Error rows count as "ended before T" (F(T)): their latency is not used, since a real
 * backend often fails faster or slower than it answers. The hang probability is profiled out
 * in closed form (see `profileHang`), and the two remaining parameters are found by
 * Nelder–Mead on (μ, ln σ) or (ln shape, ln scale), starting from the uncensored MLE of the
 * answered rows. Densities and distribution functions come from jStat.
 *
 * @param sample answered latencies, error and timeout counts, the timeout
 * @param family lognormal, gamma or Weibull
 * @param model how timed-out rows are read
 * @returns the fit with AIC and KS, the hang probability and the model's timeout probability
 * @throws {RangeError} when fewer than 2 answered latencies, a non-positive one, or a bad timeout
 * @example fitCensored({ answered, errors: 0, timeouts: 40, timeoutMs: 250 }, "lognormal", "censored").fit.aic
 */
export function fitCensored(
  sample: CensoredSample,
  family: ParametricFamily,
  model: TimeoutModel,
): CensoredFit {
  const { answered, errors: e, timeouts: c, timeoutMs: t } = sample;
  checkPositiveSample(answered, family);
  if (!(t > 0 && Number.isFinite(t))) throw new RangeError(`timeoutMs must be positive, got ${t}`);
  if (!(Number.isInteger(e) && e >= 0 && Number.isInteger(c) && c >= 0)) {
    throw new RangeError(`error and timeout counts must be integers ≥ 0, got ${e} and ${c}`);
  }
  const stats = new AnsweredStats(answered);
  const a = stats.n + e;
  const logLik = (theta: readonly number[]): number => {
    const tm = terms(toDistribution(family, theta), stats, t);
    const body = tm.sumLogDensity + (e > 0 ? e * tm.logCdf : 0);
    if (model === "hang") return body + profileHang(tm, a, c).logLik;
    return body + (c > 0 ? c * tm.logSurvival : 0);
  };
  const best = nelderMead((theta) => -logLik(theta), start(family, answered), { step: 0.1 });
  const distribution = toDistribution(family, best.x);
  const tm = terms(distribution, stats, t);
  const h = model === "hang" ? profileHang(tm, a, c).h : 0;
  const ll = -best.value;
  const parameters = model === "hang" ? 3 : 2;
  const cdfT = Math.exp(tm.logCdf);
  return {
    model,
    fit: {
      distribution,
      n: a + c,
      parameters,
      logLikelihood: ll,
      aic: aic(ll, parameters),
      ks: ksTest(answered, (x) => Math.min(1, distributionCdf(distribution, x) / cdfT)),
    },
    hangProbability: h,
    timeoutProbability: h + (1 - h) * Math.exp(tm.logSurvival),
  };
}
