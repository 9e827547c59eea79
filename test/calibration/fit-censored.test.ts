import { describe, expect, it } from "vitest";
import {
  distributionCdf,
  fitCensored,
  fitGamma,
  fitLognormal,
  fitTimeouts,
  fitWeibull,
  logLikelihood,
} from "../../src/calibration/index.js";
import type { ParametricFamily } from "../../src/calibration/types.js";
import { seededSample } from "./round-trip.js";

const FAMILIES: readonly ParametricFamily[] = ["lognormal", "gamma", "weibull"];

/** A lognormal(ln 40, 0.6) sample censored at its 92 % quantile, 137 ms, with 50 errors. */
function censoredSample() {
  const xs = seededSample("lognormal", Math.log(40), 0.6, 5000, 17);
  const timeoutMs = 40 * Math.exp(0.6 * 1.4051);
  return {
    answered: xs.filter((x) => x <= timeoutMs).slice(50),
    errors: 50,
    timeouts: xs.filter((x) => x > timeoutMs).length,
    timeoutMs,
  };
}

describe("fitCensored", () => {
  it("is the ordinary MLE when nothing is censored", () => {
    const xs = seededSample("gamma", 3, 4, 3000, 5);
    const plain = {
      lognormal: fitLognormal(xs).distribution,
      gamma: fitGamma(xs).distribution,
      weibull: fitWeibull(xs).distribution,
    };
    for (const family of FAMILIES) {
      const fit = fitCensored(
        { answered: xs, errors: 0, timeouts: 0, timeoutMs: 1e9 },
        family,
        "censored",
      );
      // Both maximise the same likelihood: the log-likelihoods agree to the optimiser's
      // tolerance (1e-10 relative), and so do the parameters up to √(2·1e-10·|ℓ|/curvature).
      expect(fit.fit.logLikelihood).toBeCloseTo(logLikelihood(plain[family], xs), 4);
      for (const [k, v] of Object.entries(plain[family])) {
        if (k !== "family") {
          expect(
            Math.abs(
              (fit.fit.distribution as unknown as Record<string, number>)[k as never] /
                (v as number) -
                1,
            ),
          ).toBeLessThan(1e-4);
        }
      }
      expect(fit.hangProbability).toBe(0);
    }
  });

  it("maximises: the fit's log-likelihood beats the truth's and the uncensored start's", () => {
    const s = censoredSample();
    const fit = fitCensored(s, "lognormal", "censored");
    const ll = (mu: number, sigma: number) => {
      const d = { family: "lognormal" as const, mu, sigma };
      const cdf = distributionCdf(d, s.timeoutMs);
      return (
        logLikelihood(d, s.answered) + s.errors * Math.log(cdf) + s.timeouts * Math.log(1 - cdf)
      );
    };
    const start = fitLognormal(s.answered).distribution;
    // Checked against an independent evaluation of the same likelihood (log-density sum + jStat CDF).
    expect(fit.fit.logLikelihood).toBeCloseTo(
      ll(
        (fit.fit.distribution as { mu: number }).mu,
        (fit.fit.distribution as { sigma: number }).sigma,
      ),
      6,
    );
    expect(fit.fit.logLikelihood as number).toBeGreaterThanOrEqual(ll(Math.log(40), 0.6));
    expect(fit.fit.logLikelihood as number).toBeGreaterThan(ll(start.mu, start.sigma));
  });

  it("hang model: nests the censored one, and its ĥ is the closed form", () => {
    const s = censoredSample();
    for (const family of FAMILIES) {
      const censored = fitCensored(s, family, "censored");
      const hang = fitCensored(s, family, "hang");
      // Nested (h = 0): the maximum can only be higher (up to the optimiser's tolerance).
      expect(hang.fit.logLikelihood as number).toBeGreaterThan(
        (censored.fit.logLikelihood as number) - 1e-4,
      );
      expect(hang.fit.parameters).toBe(3);
      const n = s.answered.length + s.errors + s.timeouts;
      const f = distributionCdf(hang.fit.distribution, s.timeoutMs);
      const h = Math.max(0, 1 - (s.answered.length + s.errors) / (n * f));
      expect(hang.hangProbability).toBeCloseTo(h, 12);
      // With ĥ > 0 the model's timeout probability is the observed share exactly.
      if (hang.hangProbability > 0) expect(hang.timeoutProbability).toBeCloseTo(s.timeouts / n, 12);
    }
  });

  it("throws on too few answered values or a bad timeout", () => {
    expect(() =>
      fitCensored({ answered: [3], errors: 0, timeouts: 4, timeoutMs: 10 }, "gamma", "hang"),
    ).toThrow(RangeError);
    expect(() =>
      fitCensored({ answered: [3, 4], errors: 0, timeouts: 4, timeoutMs: 0 }, "gamma", "hang"),
    ).toThrow(/timeoutMs/);
    expect(() => fitTimeouts({ answered: [3], errors: 0, timeouts: 4, timeoutMs: 10 })).toThrow(
      /no latency model/,
    );
  });
});

describe("fitTimeouts", () => {
  it("fits 3 families × 2 models and weighs the two models' best", () => {
    const report = fitTimeouts(censoredSample());
    expect(report.candidates.map((c) => `${c.model}/${c.fit.distribution.family}`)).toEqual([
      "censored/lognormal",
      "censored/gamma",
      "censored/weibull",
      "hang/lognormal",
      "hang/gamma",
      "hang/weibull",
    ]);
    const { censored, hang } = report.models;
    expect((censored?.weight ?? 0) + (hang?.weight ?? 0)).toBeCloseTo(1, 12);
    const lowest = Math.min(...report.candidates.map((c) => c.fit.aic as number));
    expect(report.best.fit.aic).toBe(lowest);
    const s = censoredSample();
    expect(report.counts).toEqual({
      answered: s.answered.length,
      errors: 50,
      timeouts: s.timeouts,
    });
  });
});
