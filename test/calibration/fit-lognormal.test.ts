import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitLognormal } from "../../src/calibration/fit-lognormal.js";
import { logLikelihood } from "../../src/calibration/log-likelihood.js";
import {
  nearbyFactor,
  positiveSample,
  seededSample,
  standardErrorMismatch,
  Z,
} from "./round-trip.js";

// Round trips: draw n values with known parameters, fit, and require each estimate within
// Z standard errors of the truth. The standard errors are the asymptotic ones from the Fisher
// information (derived in the fit's JSDoc), restated at the TRUE parameters:
//   se(μ) = σ/√n, se(σ) = σ/√(2n)
// The MLE's bias is O(1/n), negligible next to se = O(1/√n) at n = 5000. A separate Monte
// Carlo test checks the formulas themselves against the spread of repeated fits.
const N = 5000;

describe("fitLognormal", () => {
  for (const [mu, sigma] of [
    [Math.log(45), 0.8],
    [Math.log(12), 0.3],
    [0, 1.5],
  ]) {
    it(`recovers μ = ${mu.toFixed(3)}, σ = ${sigma} from ${N} draws`, () => {
      const xs = seededSample("lognormal", mu, sigma, N, 1);
      const { distribution: d } = fitLognormal(xs);
      expect(Math.abs(d.mu - mu)).toBeLessThan((Z * sigma) / Math.sqrt(N));
      expect(Math.abs(d.sigma - sigma)).toBeLessThan((Z * sigma) / Math.sqrt(2 * N));
    });
  }

  it("has standard errors that match the spread of repeated fits", () => {
    for (const m of standardErrorMismatch("lognormal", 2, 0.8, fitLognormal, ["mu", "sigma"])) {
      expect(m).toBeLessThan(0.3);
    }
  });

  it("maximises the likelihood: no nearby parameters have a higher one", () => {
    fc.assert(
      fc.property(positiveSample, nearbyFactor, nearbyFactor, (xs, f1, f2) => {
        const d = fitLognormal(xs).distribution;
        const best = logLikelihood(d, xs);
        const moved = { ...d, mu: d.mu * f1, sigma: d.sigma * f2 };
        expect(logLikelihood(moved, xs)).toBeLessThanOrEqual(best + 1e-9 * Math.abs(best));
      }),
    );
  });

  it("is scale-equivariant: fitting c·x adds ln c to μ and keeps σ", () => {
    fc.assert(
      fc.property(positiveSample, fc.double({ min: 0.01, max: 100, noNaN: true }), (xs, c) => {
        const a = fitLognormal(xs).distribution;
        const b = fitLognormal(xs.map((x) => x * c)).distribution;
        expect(b.mu).toBeCloseTo(a.mu + Math.log(c), 8);
        expect(b.sigma).toBeCloseTo(a.sigma, 8);
      }),
    );
  });

  it("rejects non-positive, non-finite, constant and too-short samples", () => {
    expect(() => fitLognormal([1, 0, 2])).toThrow(/positive/);
    expect(() => fitLognormal([1, Number.POSITIVE_INFINITY])).toThrow(/positive/);
    expect(() => fitLognormal([3, 3, 3])).toThrow(/not all equal/);
    expect(() => fitLognormal([3])).toThrow(/at least 2/);
  });
});
