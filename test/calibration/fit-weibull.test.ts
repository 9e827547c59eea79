import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitWeibull } from "../../src/calibration/fit-weibull.js";
import { logLikelihood } from "../../src/calibration/log-likelihood.js";
import {
  nearbyFactor,
  positiveSample,
  seededSample,
  standardErrorMismatch,
  trueSe,
  Z,
} from "./round-trip.js";

// Round trips: draw n values with known parameters, fit, and require each estimate within
// Z standard errors of the truth. The standard errors are the asymptotic ones from the Fisher
// information (derived in the fit's JSDoc), restated at the TRUE parameters (trueSe):
//   se(k) = k√(6/(π²n)), se(λ) = (λ/k)√((1 + 6(1 − γ)²/π²)/n)
// The MLE's bias is O(1/n), negligible next to se = O(1/√n) at n = 5000. A separate Monte
// Carlo test checks the formulas themselves against the spread of repeated fits.
const N = 5000;

describe("fitWeibull", () => {
  for (const [shape, scale] of [
    [0.7, 30],
    [1.5, 30],
    [4, 8],
  ]) {
    it(`recovers k = ${shape}, λ = ${scale} from ${N} draws`, () => {
      const xs = seededSample("weibull", shape, scale, N, 3);
      const fit = fitWeibull(xs);
      const se = trueSe("weibull", shape, scale, N);
      expect(Math.abs(fit.distribution.shape - shape)).toBeLessThan(Z * se.shape);
      expect(Math.abs(fit.distribution.scale - scale)).toBeLessThan(Z * se.scale);
    });
  }

  it("has standard errors that match the spread of repeated fits", () => {
    for (const m of standardErrorMismatch("weibull", 1.5, 30, fitWeibull, ["shape", "scale"])) {
      expect(m).toBeLessThan(0.3);
    }
  });

  it("maximises the likelihood: no nearby parameters have a higher one", () => {
    fc.assert(
      fc.property(positiveSample, nearbyFactor, nearbyFactor, (xs, f1, f2) => {
        const d = fitWeibull(xs).distribution;
        const best = logLikelihood(d, xs);
        const moved = { ...d, shape: d.shape * f1, scale: d.scale * f2 };
        expect(logLikelihood(moved, xs)).toBeLessThanOrEqual(best + 1e-9 * Math.abs(best));
      }),
    );
  });

  it("is scale-equivariant: fitting c·x scales the fitted scale by c and keeps the shape", () => {
    fc.assert(
      fc.property(positiveSample, fc.double({ min: 0.01, max: 100, noNaN: true }), (xs, c) => {
        const a = fitWeibull(xs).distribution;
        const b = fitWeibull(xs.map((x) => x * c)).distribution;
        expect(Math.abs(b.shape / a.shape - 1)).toBeLessThan(1e-8);
        expect(Math.abs(b.scale / (a.scale * c) - 1)).toBeLessThan(1e-8);
      }),
    );
  });

  it("rejects non-positive, non-finite, constant and too-short samples", () => {
    expect(() => fitWeibull([1, 0, 2])).toThrow(/positive/);
    expect(() => fitWeibull([1, Number.POSITIVE_INFINITY])).toThrow(/positive/);
    expect(() => fitWeibull([3, 3, 3])).toThrow(/not all equal/);
    expect(() => fitWeibull([3])).toThrow(/at least 2/);
  });
});
