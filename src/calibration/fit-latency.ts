import { akaikeWeights } from "./aic.js";
import { fitDistribution } from "./fit-distribution.js";
import { fitMixture } from "./fit-mixture.js";
import type { FitLatencyOptions, LatencyFitReport, MixtureFit } from "./latency-fit-types.js";
import type { DistributionFit, ParametricFamily } from "./types.js";

const ALL_FAMILIES: readonly ParametricFamily[] = ["lognormal", "gamma", "weibull"];

/**
 * Fits lognormal, gamma and Weibull latency models by maximum likelihood plus an empirical
 * quantile summary, and chooses one by AIC (or as forced). With `groups`, a per-group mixture
 * competes too.
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
  let mixture: MixtureFit | undefined;
  if (options.groups !== undefined && options.groups.length >= 2) {
    mixture = fitMixture(options.groups, fitLatency, options);
    if (mixture.fit.aic !== null) candidates.push(mixture.fit);
  }
  const ranked = candidates.slice();
  const empirical = fitDistribution(samples, "empirical", { empirical: options.empirical });
  candidates.push(empirical);
  if (mixture !== undefined && mixture.fit.aic === null) candidates.push(mixture.fit);

  const weights = akaikeWeights(ranked.map((c) => c.aic as number));
  const akaike: LatencyFitReport["akaikeWeights"] = {};
  ranked.forEach((c, i) => {
    akaike[c.distribution.family as ParametricFamily | "mixture"] = weights[i];
  });

  let best: DistributionFit;
  let reason: string;
  if (choose !== "aic") {
    best = candidates.find((c) => c.distribution.family === choose) ?? empirical;
    reason = `${choose} was requested`;
  } else if (ranked.length === 0) {
    best = empirical;
    reason = `no parametric family fits (${failures.map((f) => f.message).join("; ")})`;
  } else {
    best = ranked.reduce((a, b) => ((b.aic as number) < (a.aic as number) ? b : a));
    const runnerUp = ranked
      .filter((c) => c !== best)
      .reduce<DistributionFit | null>(
        (a, b) => (a === null || (b.aic as number) < (a.aic as number) ? b : a),
        null,
      );
    reason =
      runnerUp === null
        ? `${best.distribution.family} is the only candidate with a likelihood`
        : `${best.distribution.family} has the lowest AIC (ΔAIC ${((runnerUp.aic as number) - (best.aic as number)).toFixed(1)} to ${runnerUp.distribution.family})`;
    const threshold = options.empiricalBelowPValue ?? 0;
    if (best.ks.pValue < threshold) {
      reason = `${reason}, but its KS p-value ${best.ks.pValue.toExponential(2)} < ${threshold}, so the empirical summary is used`;
      best = empirical;
    }
  }
  return { candidates, best, reason, akaikeWeights: akaike, failures, mixture };
}
