import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitGamma } from "../../src/calibration/fit-gamma.js";
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
//   se(k) = √(k/(n(kψ′(k) − 1))), se(θ) = θ√(ψ′(k)/(n(kψ′(k) − 1)))
// The MLE's bias is O(1/n), negligible next to se = O(1/√n) at n = 5000. A separate Monte
// Carlo test checks the formulas themselves against the spread of repeated fits.
const N = 5000;

describe("fitGamma", () => {
  for (const [shape, scale] of [
    [0.5, 20],
    [2, 10],
    [9, 2],
    [50, 0.5],
  ]) {
    it(`recovers k = ${shape}, θ = ${scale} from ${N} draws`, () => {
      const xs = seededSample("gamma", shape, scale, N, 2);
      const fit = fitGamma(xs);
      const se = trueSe("gamma", shape, scale, N);
      expect(Math.abs(fit.distribution.shape - shape)).toBeLessThan(Z * se.shape);
      expect(Math.abs(fit.distribution.scale - scale)).toBeLessThan(Z * se.scale);
      expect(fit.iterations).toBeLessThan(10);
    });
  }

  it("has standard errors that match the spread of repeated fits", () => {
    for (const m of standardErrorMismatch("gamma", 2, 10, fitGamma, ["shape", "scale"])) {
      expect(m).toBeLessThan(0.3);
    }
  });

  it("maximises the likelihood: no nearby parameters have a higher one", () => {
    fc.assert(
      fc.property(positiveSample, nearbyFactor, nearbyFactor, (xs, f1, f2) => {
        const d = fitGamma(xs).distribution;
        const best = logLikelihood(d, xs);
        const moved = { ...d, shape: d.shape * f1, scale: d.scale * f2 };
        expect(logLikelihood(moved, xs)).toBeLessThanOrEqual(best + 1e-9 * Math.abs(best));
      }),
    );
  });

  it("is scale-equivariant: fitting c·x scales the fitted scale by c and keeps the shape", () => {
    fc.assert(
      fc.property(positiveSample, fc.double({ min: 0.01, max: 100, noNaN: true }), (xs, c) => {
        const a = fitGamma(xs).distribution;
        const b = fitGamma(xs.map((x) => x * c)).distribution;
        expect(Math.abs(b.shape / a.shape - 1)).toBeLessThan(1e-8);
        expect(Math.abs(b.scale / (a.scale * c) - 1)).toBeLessThan(1e-8);
      }),
    );
  });

  it("rejects non-positive, non-finite, constant and too-short samples", () => {
    expect(() => fitGamma([1, 0, 2])).toThrow(/positive/);
    expect(() => fitGamma([1, Number.POSITIVE_INFINITY])).toThrow(/positive/);
    expect(() => fitGamma([3, 3, 3])).toThrow(/not all equal/);
    expect(() => fitGamma([3])).toThrow(/at least 2/);
  });
});
