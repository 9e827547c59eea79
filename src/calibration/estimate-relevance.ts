import jStat from "jstat";
import { BETA_SHAPE_MAX } from "../sim/relevance/beta-bounds.js";
import { compileRelevance } from "../sim/relevance/relevance.js";
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
  /**
   * Why the Beta's spread is not the sample's own (too few values, pooled with a prior; or
   * capped at the scenario's limit); absent when the method of moments was kept.
   */
  note?: string;
}

/**
 * Fewer relevance values than this cannot set a Beta's spread alone. The moment estimate of the
 * concentration rests on the sample variance, which with n values has n − 1 degrees of
 * freedom: its 95 % interval, (n − 1)s²/χ²₀.₉₇₅ to (n − 1)s²/χ²₀.₀₂₅, spans a factor 7 at
 * n = 10 but 5,000 at n = 2, where two close values make the concentration explode (a
 * rarely-chosen arm under Thompson sampling: 0.6499 and 0.6432 give ≈ 20,000, beyond the
 * scenario's limit of 10⁴).
 */
export const MIN_BETA_SAMPLE = 10;

/** The spread a small sample is pooled with: a concentration and where it came from. */
export interface RelevancePrior {
  /** Beta concentration α + β (> 0). */
  concentration: number;
  /** For the note, e.g. `qdrant's other query types`. */
  from: string;
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
  /**
   * The spread a Beta fit of fewer than {@link MIN_BETA_SAMPLE} values is pooled with (see
   * {@link pooledConcentration}); without one, such a fit keeps its moments (capped) and its
   * note says it is uncertain.
   */
  prior?: RelevancePrior;
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
  let note: string | undefined;
  if (options.model === "bernoulli") {
    model = { type: "bernoulli", p: rate };
  } else if (ss === 0) {
    model = { type: "constant", value: mean };
  } else if (binary) {
    model = { type: "bernoulli", p: mean };
  } else {
    ({ model, note } = betaModel(mean, ss, n, options.prior));
  }
  return {
    n,
    mean,
    sd,
    meetsMinimum: { rate, ci95: wilsonInterval(meets, n) },
    model,
    modelMeetsMinimum: relevanceMeets(model, minRelevance),
    ...(note === undefined ? {} : { note }),
  };
}

/**
 * A Beta with the sample's mean. Its concentration is the method of moments' (population
 * variance: the MoM equations use E[(X − m)²]) when the sample has at least
 * {@link MIN_BETA_SAMPLE} values. A smaller sample's relative variance
 * r = s²/(m(1 − m)) (= 1/(c + 1) for a Beta) is pooled with the prior's, as a prior worth
 * MIN_BETA_SAMPLE − 1 degrees of freedom (the least a sample is trusted with alone):
 * r = ((n − 1)·r̂ + ν₀·r₀)/(n − 1 + ν₀), the usual pooling of variances by their degrees of
 * freedom. Shapes beyond the scenario's limit (BETA_SHAPE_MAX: sd < 0.005, a constant in all
 * but name) are capped there.
 */
function betaModel(
  mean: number,
  ss: number,
  n: number,
  prior: RelevancePrior | undefined,
): { model: RelevanceSpec; note?: string } {
  const bernoulliVar = mean * (1 - mean);
  const moments = bernoulliVar / (ss / n) - 1;
  let c = moments;
  let note: string | undefined;
  const fmt = (x: number) => (x >= 100 ? Math.round(x).toLocaleString("en-US") : x.toPrecision(3));
  if (n < MIN_BETA_SAMPLE) {
    if (prior !== undefined) {
      const nu = MIN_BETA_SAMPLE - 1;
      const r = (ss / bernoulliVar + nu / (prior.concentration + 1)) / (n - 1 + nu);
      c = 1 / r - 1;
      note = `${n} values are too few to set the spread (moments give concentration ${fmt(moments)}): pooled with ${prior.from} (concentration ${fmt(prior.concentration)}) as a prior worth ${nu} values, concentration ${fmt(c)}`;
    } else {
      note = `${n} values are too few to set the spread: concentration ${fmt(moments)} by moments is uncertain`;
    }
  }
  const cap = BETA_SHAPE_MAX / Math.max(mean, 1 - mean);
  if (!(c <= cap)) {
    note = `${note === undefined ? "" : `${note}; `}concentration ${fmt(c)} capped at ${fmt(cap)}, the scenario's limit (shapes ≤ ${BETA_SHAPE_MAX}; the spread is below 0.005, a constant in all but name)`;
    c = cap;
  }
  const model: RelevanceSpec = { type: "beta", alpha: mean * c, beta: (1 - mean) * c };
  return note === undefined ? { model } : { model, note };
}

/**
 * The relevance spread shared by several samples (e.g. one backend's query types), as a Beta
 * concentration: the pooled relative variance r = Σ ssᵢ / Σ (nᵢ − 1)·mᵢ(1 − mᵢ), c = 1/r − 1,
 * over the samples a Beta would fit (at least 2 values, not all 0s and 1s, not all equal).
 *
 * @param samples relevance values in [0, 1], one array per group
 * @returns the concentration, or undefined when no sample qualifies or r ≥ 1
 * @example pooledConcentration([[0.8, 0.9, 0.85], [0.5, 0.7]]) // ≈ 18.8
 */
export function pooledConcentration(samples: readonly (readonly number[])[]): number | undefined {
  let ssSum = 0;
  let varSum = 0;
  for (const xs of samples) {
    const n = xs.length;
    if (n < 2 || xs.every((x) => x === 0 || x === 1)) continue;
    let sum = 0;
    for (const x of xs) sum += x;
    const m = sum / n;
    let ss = 0;
    for (const x of xs) ss += (x - m) ** 2;
    if (ss === 0) continue;
    ssSum += ss;
    varSum += (n - 1) * m * (1 - m);
  }
  if (varSum === 0) return undefined;
  const c = varSum / ssSum - 1;
  return c > 0 ? c : undefined;
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
    case "logistic": // never fitted; a text-less query's model
      return compileRelevance(model).probAtLeast(min);
  }
}
