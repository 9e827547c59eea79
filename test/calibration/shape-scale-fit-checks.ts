import fc from "fast-check";
import { expect, it } from "vitest";
import { logLikelihood } from "../../src/calibration/log-likelihood.js";
import type { GammaDistribution, WeibullDistribution } from "../../src/calibration/types.js";
import { nearbyFactor, positiveSample, standardErrorMismatch } from "./round-trip.js";

/** A maximum-likelihood fit of a shape–scale family (gamma, Weibull). */
type ShapeScaleFitter = (xs: readonly number[]) => {
  distribution: GammaDistribution | WeibullDistribution;
  standardErrors: { shape: number; scale: number };
};

/**
 * The checks every shape–scale fit must pass, declared as tests inside the caller's describe:
 * its standard errors match the spread of repeated fits of (shape, scale); it maximises the
 * likelihood; it is scale-equivariant; it rejects samples it cannot fit.
 *
 * @param family the family, for seeded samples
 * @param fitter the fit
 * @param truth the shape and scale the standard-error check samples from
 */
export function shapeScaleFitChecks(
  family: "gamma" | "weibull",
  fitter: ShapeScaleFitter,
  [shape, scale]: readonly [number, number],
): void {
  it("has standard errors that match the spread of repeated fits", () => {
    for (const m of standardErrorMismatch(family, shape, scale, fitter, ["shape", "scale"])) {
      expect(m).toBeLessThan(0.3);
    }
  });

  it("maximises the likelihood: no nearby parameters have a higher one", () => {
    fc.assert(
      fc.property(positiveSample, nearbyFactor, nearbyFactor, (xs, f1, f2) => {
        const d = fitter(xs).distribution;
        const best = logLikelihood(d, xs);
        const moved = { ...d, shape: d.shape * f1, scale: d.scale * f2 };
        expect(logLikelihood(moved, xs)).toBeLessThanOrEqual(best + 1e-9 * Math.abs(best));
      }),
    );
  });

  it("is scale-equivariant: fitting c·x scales the fitted scale by c and keeps the shape", () => {
    fc.assert(
      fc.property(positiveSample, fc.double({ min: 0.01, max: 100, noNaN: true }), (xs, c) => {
        const a = fitter(xs).distribution;
        const b = fitter(xs.map((x) => x * c)).distribution;
        expect(Math.abs(b.shape / a.shape - 1)).toBeLessThan(1e-8);
        expect(Math.abs(b.scale / (a.scale * c) - 1)).toBeLessThan(1e-8);
      }),
    );
  });

  it("rejects non-positive, non-finite, constant and too-short samples", () => {
    expect(() => fitter([1, 0, 2])).toThrow(/positive/);
    expect(() => fitter([1, Number.POSITIVE_INFINITY])).toThrow(/positive/);
    expect(() => fitter([3, 3, 3])).toThrow(/not all equal/);
    expect(() => fitter([3])).toThrow(/at least 2/);
  });
}
