import { akaikeWeights } from "./aic.js";
import { fitDistribution } from "./fit-distribution.js";
import type { EmpiricalOptions } from "./fit-empirical.js";
import type { DistributionFit, LatencyFamily, ParametricFamily } from "./types.js";

/** Options for {@link fitLatency}. */
export interface FitLatencyOptions {
  /** Parametric families to try (default all three). */
  families?: readonly ParametricFamily[];
  /**
   * Which candidate to choose: `"aic"` (default) picks the lowest AIC among the parametric
   * fits; a family name forces that family (`"empirical"` forces the quantile summary).
   */
  choose?: "aic" | LatencyFamily;
  /**
   * Fall back to the empirical summary when the AIC winner's KS p-value is below this
   * (default 0: never). The KS p-value is conservative for fitted parameters, so a value
   * below e.g. 0.001 means the parametric shape is clearly wrong.
   */
  empiricalBelowPValue?: number;
  /** Options for the empirical summary (always computed, so plots can compare). */
  empirical?: EmpiricalOptions;
}

/** Every candidate fitted to one sample, and the one chosen. */
export interface LatencyFitReport {
  /** The parametric fits in the order tried, then the empirical summary. */
  candidates: DistributionFit[];
  /** The chosen candidate (one of `candidates`). */
  best: DistributionFit;
  /** Why `best` was chosen, as a sentence. */
  reason: string;
  /** Akaike weight of each parametric candidate, by family. */
  akaikeWeights: Partial<Record<ParametricFamily, number>>;
  /** Families that could not be fitted, with the error message. */
  failures: { family: ParametricFamily; message: string }[];
}

const ALL_FAMILIES: readonly ParametricFamily[] = ["lognormal", "gamma", "weibull"];

/**
 * Fits lognormal, gamma and Weibull latency models by maximum likelihood plus an empirical
 * quantile summary, and chooses one by AIC (or as forced).
 *
 * @param samples latencies in ms
 * @param options families to try and how to choose
 * @returns all candidates, the choice and the reason
 * @throws {RangeError} on an empty sample, or when the forced family cannot be fitted
 * @example fitLatency(latencies).best.distribution // e.g. { family: "lognormal", mu, sigma }
 */
export function fitLatency(
  samples: readonly number[],
  options: FitLatencyOptions = {},
): LatencyFitReport {
  const families = options.families ?? ALL_FAMILIES;
  const choose = options.choose ?? "aic";
  const candidates: DistributionFit[] = [];
  const failures: LatencyFitReport["failures"] = [];
  for (const family of families) {
    try {
      candidates.push(fitDistribution(samples, family));
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      if (choose === family) throw err;
      failures.push({ family, message: err.message });
    }
  }
  const parametric = candidates.slice();
  const empirical = fitDistribution(samples, "empirical", { empirical: options.empirical });
  candidates.push(empirical);

  const weights = akaikeWeights(parametric.map((c) => c.aic as number));
  const akaike: LatencyFitReport["akaikeWeights"] = {};
  parametric.forEach((c, i) => {
    akaike[c.distribution.family as ParametricFamily] = weights[i];
  });

  let best: DistributionFit;
  let reason: string;
  if (choose !== "aic") {
    best = candidates.find((c) => c.distribution.family === choose) ?? empirical;
    reason = `${choose} was requested`;
  } else if (parametric.length === 0) {
    best = empirical;
    reason = `no parametric family fits (${failures.map((f) => f.message).join("; ")})`;
  } else {
    best = parametric.reduce((a, b) => ((b.aic as number) < (a.aic as number) ? b : a));
    const runnerUp = parametric
      .filter((c) => c !== best)
      .reduce<DistributionFit | null>(
        (a, b) => (a === null || (b.aic as number) < (a.aic as number) ? b : a),
        null,
      );
    reason =
      runnerUp === null
        ? `${best.distribution.family} is the only parametric family tried`
        : `${best.distribution.family} has the lowest AIC (ΔAIC ${((runnerUp.aic as number) - (best.aic as number)).toFixed(1)} to ${runnerUp.distribution.family})`;
    const threshold = options.empiricalBelowPValue ?? 0;
    if (best.ks.pValue < threshold) {
      reason = `${reason}, but its KS p-value ${best.ks.pValue.toExponential(2)} < ${threshold}, so the empirical summary is used`;
      best = empirical;
    }
  }
  return { candidates, best, reason, akaikeWeights: akaike, failures };
}
