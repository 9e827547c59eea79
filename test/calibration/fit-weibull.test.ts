import { describe, expect, it } from "vitest";
import { fitWeibull } from "../../src/calibration/fit-weibull.js";
import { seededSample, trueSe, Z } from "./round-trip.js";
import { shapeScaleFitChecks } from "./shape-scale-fit-checks.js";

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

  shapeScaleFitChecks("weibull", fitWeibull, [1.5, 30]);
});
