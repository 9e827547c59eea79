import { akaikeWeights } from "./aic.js";
import {
  type CensoredFit,
  type CensoredSample,
  fitCensored,
  type TimeoutModel,
} from "./fit-censored.js";
import type { ParametricFamily } from "./types.js";

/** Options for {@link fitTimeouts}. */
export interface FitTimeoutsOptions {
  /** Parametric families to try under each model (default all three). */
  families?: readonly ParametricFamily[];
}

/** Both timeout models fitted to one backend, and the one AIC chooses. */
export interface TimeoutFitReport {
  /** The timeout in ms (the common latency of the timed-out rows). */
  timeoutMs: number;
  /** Rows by how they ended. */
  counts: { answered: number; errors: number; timeouts: number };
  /** Every family under every model, censored fits first, in family order. */
  candidates: CensoredFit[];
  /** The candidate with the lowest AIC over both models and all families. */
  best: CensoredFit;
  /**
   * Per model, its best family's AIC and its Akaike weight against the other model's best
   * (the two weights sum to 1).
   */
  models: Record<TimeoutModel, { family: ParametricFamily; aic: number; weight: number } | null>;
  /** Why `best` was chosen, as a sentence. */
  reason: string;
  /** Families that could not be fitted, with the error message. */
  failures: { family: ParametricFamily; model: TimeoutModel; message: string }[];
}

const ALL_FAMILIES: readonly ParametricFamily[] = ["lognormal", "gamma", "weibull"];
const MODELS: readonly TimeoutModel[] = ["censored", "hang"];

/**
 * Tells a slow tail from hangs in one backend's timed-out rows: fits every family under both
 * {@link TimeoutModel}s by censored maximum likelihood (see {@link fitCensored}) and picks the
 * lowest AIC.
 *
 * The hang model nests the censored one (h = 0) at the cost of one parameter, so AIC prefers
 * hangs only when they raise the log-likelihood by more than 1. When the timeouts really are
 * a slow tail, the hang estimate sits at the boundary 0 about half the time, and otherwise the
 * likelihood ratio is χ²₁: AIC then wrongly prefers hangs with probability
 * ½·P(χ²₁ > 2) ≈ 7.9 %, with a small ĥ that changes little. Real hangs leave the answered
 * rows' tail too light for the timeout rate, which the censored model cannot fit, so the
 * difference grows with the number of rows.
 *
 * @param sample answered latencies, error and timeout counts, the timeout
 * @param options families to try
 * @returns every candidate, the choice, per-model AIC and the reason
 * @throws {RangeError} when no family can be fitted (e.g. fewer than 2 answered rows)
 * @example fitTimeouts({ answered, errors: 3, timeouts: 120, timeoutMs: 500 }).best.model // "hang"
 */
export function fitTimeouts(
  sample: CensoredSample,
  options: FitTimeoutsOptions = {},
): TimeoutFitReport {
  const candidates: CensoredFit[] = [];
  const failures: TimeoutFitReport["failures"] = [];
  for (const model of MODELS) {
    for (const family of options.families ?? ALL_FAMILIES) {
      try {
        candidates.push(fitCensored(sample, family, model));
      } catch (err) {
        if (!(err instanceof RangeError)) throw err;
        failures.push({ family, model, message: err.message });
      }
    }
  }
  if (candidates.length === 0) {
    throw new RangeError(
      `no latency model fits the timed-out sample (${failures.map((f) => f.message).join("; ")})`,
    );
  }
  const aicOf = (c: CensoredFit) => c.fit.aic as number;
  const bestOf = (model: TimeoutModel) =>
    candidates
      .filter((c) => c.model === model)
      .reduce<CensoredFit | null>((a, b) => (a === null || aicOf(b) < aicOf(a) ? b : a), null);
  const perModel = MODELS.map(bestOf);
  const present = perModel.filter((c): c is CensoredFit => c !== null);
  const weights = akaikeWeights(present.map(aicOf));
  const models: TimeoutFitReport["models"] = { censored: null, hang: null };
  present.forEach((c, i) => {
    models[c.model] = {
      family: c.fit.distribution.family as ParametricFamily,
      aic: aicOf(c),
      weight: weights[i],
    };
  });
  const best = present.reduce((a, b) => (aicOf(b) < aicOf(a) ? b : a));
  const other = present.find((c) => c !== best);
  const label = (c: CensoredFit) =>
    c.model === "hang"
      ? `hangs (h = ${(c.hangProbability * 100).toFixed(2)} %) beside a ${c.fit.distribution.family} body`
      : `a ${c.fit.distribution.family} tail censored at the timeout`;
  const reason =
    other === undefined
      ? `${label(best)}: the only model that could be fitted`
      : `${label(best)}: ΔAIC ${(aicOf(other) - aicOf(best)).toFixed(1)} to ${label(other)}`;
  const answered = sample.answered.length;
  return {
    timeoutMs: sample.timeoutMs,
    counts: { answered, errors: sample.errors, timeouts: sample.timeouts },
    candidates,
    best,
    models,
    reason,
    failures,
  };
}
