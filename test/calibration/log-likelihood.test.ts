import fc from "fast-check";
import jStat from "jstat";
import { describe, expect, it } from "vitest";
import { logDensity, logLikelihood } from "../../src/calibration/log-likelihood.js";
import type { LatencyDistribution } from "../../src/calibration/types.js";

const lognormal: LatencyDistribution = { family: "lognormal", mu: Math.log(45), sigma: 0.8 };
const gamma: LatencyDistribution = { family: "gamma", shape: 2.5, scale: 12 };
const weibull: LatencyDistribution = { family: "weibull", shape: 1.5, scale: 30 };

/** Reference densities from jStat, written independently of the module's own formulas. */
const reference: [LatencyDistribution, (x: number) => number][] = [
  [lognormal, (x) => jStat.lognormal.pdf(x, Math.log(45), 0.8)],
  [gamma, (x) => jStat.gamma.pdf(x, 2.5, 12)],
  [weibull, (x) => jStat.weibull.pdf(x, 30, 1.5)],
];

const positive = fc.array(fc.double({ min: 0.5, max: 500, noNaN: true }), { maxLength: 30 });

describe("logLikelihood / logDensity", () => {
  it("are Σ ln f(xᵢ) with jStat's densities", () => {
    fc.assert(
      fc.property(positive, (xs) => {
        for (const [d, pdf] of reference) {
          const expected = xs.reduce((s, x) => s + Math.log(pdf(x)), 0);
          expect(Math.abs(logLikelihood(d, xs) - expected)).toBeLessThan(
            1e-9 * (1 + Math.abs(expected)),
          );
        }
      }),
    );
  });

  it("give a mixture ln Σ wᵢ fᵢ(x), stable where each density underflows", () => {
    const mix: LatencyDistribution = {
      family: "mixture",
      components: [
        { weight: 0.3, distribution: lognormal },
        { weight: 0.7, distribution: gamma },
      ],
    };
    for (const x of [1, 20, 100]) {
      const expected = Math.log(
        0.3 * Math.exp(logDensity(lognormal, x)) + 0.7 * Math.exp(logDensity(gamma, x)),
      );
      expect(logDensity(mix, x)).toBeCloseTo(expected, 10);
    }
    // At 1e5 ms both densities are below 1e-300 · e^(−hundreds): exp would give 0 and ln −∞;
    // the log-sum-exp keeps the finite answer, at least the larger component's log-density.
    const far = logDensity(mix, 1e5);
    expect(Number.isFinite(far)).toBe(true);
    expect(far).toBeGreaterThanOrEqual(Math.log(0.7) + logDensity(gamma, 1e5));
  });

  it("are −∞ outside the support, and refuse the empirical summary", () => {
    for (const [d] of reference) {
      expect(logLikelihood(d, [10, 0])).toBe(Number.NEGATIVE_INFINITY);
      expect(logDensity(d, -1)).toBe(Number.NEGATIVE_INFINITY);
      expect(logLikelihood(d, [])).toBe(0);
    }
    expect(() => logLikelihood({ family: "empirical", quantiles: [1, 2] }, [1])).toThrow(
      RangeError,
    );
  });
});
