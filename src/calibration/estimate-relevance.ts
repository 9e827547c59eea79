import jStat from "jstat";
import type { RelevanceSpec } from "../sim/relevance/spec.js";
import { wilsonInterval } from "../stats/wilson-interval.js";

/** What a trace says about one backend's relevance for one query type. */
export interface RelevanceEstimate {
  /** Rows with a relevance value. */
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1). */
  sd: number;
  /** Share of rows with relevance ≥ `minRelevance`, with its 95 % Wilson interval. */
  meetsMinimum: { rate: number; ci95: [number, number] };
  /** The scenario model chosen (see {@link estimateRelevance}). */
  model: RelevanceSpec;
  /** P(relevance ≥ minRelevance) under `model`: compare with `meetsMinimum.rate`. */
  modelMeetsMinimum: number;
}

/** Options for {@link estimateRelevance}. */
export interface RelevanceEstimateOptions {
  /** The SLO's minimum relevance (default 0.7, the old system's rule). */
  minRelevance?: number;
  /**
   * `beta` (default): a Beta distribution by the method of moments, or a Bernoulli/constant
   * model when the values only take 0/1 or one value. `bernoulli`: relevance 1 with the
   * observed probability of meeting `minRelevance`, which keeps the success rate exact and
   * drops the shape.
   */
  model?: "beta" | "bernoulli";
}

/**
 * Estimates a relevance model from observed relevance scores in [0, 1].
 *
 * Why the method of moments and not maximum likelihood: the Beta MLE needs mean ln x and
 * mean ln(1 − x), which are −∞ as soon as one score is exactly 0 or 1, and measured relevance
 * (recall@k, precision) has many of those. Moments match the mean exactly and the variance
 * as far as a Beta can: α = m·c, β = (1 − m)·c with c = m(1 − m)/v − 1 (v < m(1 − m) for any
 * sample that is not all 0s and 1s).
 *
 * @param values relevance scores in [0, 1], at least 1
 * @param options minimum relevance and model kind
 * @returns the estimate, with the chosen model and how well it keeps the success rate
 * @throws {RangeError} on an empty sample or a value outside [0, 1]
 * @example estimateRelevance([0.9, 0.8, 0.95, 0.6]).model // { type: "beta", alpha, beta }
 */
export function estimateRelevance(
  values: readonly number[],
  options: RelevanceEstimateOptions = {},
): RelevanceEstimate {
  const n = values.length;
  if (n === 0) throw new RangeError("a relevance estimate needs at least 1 value");
  const minRelevance = options.minRelevance ?? 0.7;
  let sum = 0;
  let meets = 0;
  let binary = true;
  for (const v of values) {
    if (!(v >= 0 && v <= 1)) throw new RangeError(`relevance must be in [0, 1], got ${v}`);
    sum += v;
    if (v >= minRelevance) meets++;
    if (v !== 0 && v !== 1) binary = false;
  }
  const mean = sum / n;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  const rate = meets / n;

  let model: RelevanceSpec;
  if (options.model === "bernoulli") {
    model = { type: "bernoulli", p: rate };
  } else if (ss === 0) {
    model = { type: "constant", value: mean };
  } else if (binary) {
    model = { type: "bernoulli", p: mean };
  } else {
    // Population variance for the moment match (the MoM equations use E[(X − m)²]).
    const v = ss / n;
    const c = (mean * (1 - mean)) / v - 1;
    model = { type: "beta", alpha: mean * c, beta: (1 - mean) * c };
  }
  return {
    n,
    mean,
    sd,
    meetsMinimum: { rate, ci95: wilsonInterval(meets, n) },
    model,
    modelMeetsMinimum: relevanceMeets(model, minRelevance),
  };
}

/** P(relevance ≥ min) under a relevance model. */
function relevanceMeets(model: RelevanceSpec, min: number): number {
  switch (model.type) {
    case "constant":
      return model.value >= min ? 1 : 0;
    case "bernoulli":
      return min <= 0 ? 1 : model.p;
    case "beta": {
      const alpha = model.alpha ?? (model.mean ?? 0.5) * (model.concentration ?? 2);
      const beta = model.beta ?? (1 - (model.mean ?? 0.5)) * (model.concentration ?? 2);
      return 1 - jStat.beta.cdf(min, alpha, beta);
    }
  }
}
