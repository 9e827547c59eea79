import { describe, expect, it } from "vitest";
import { fitGamma } from "../../src/calibration/fit-gamma.js";
import { seededSample, trueSe, Z } from "./round-trip.js";
import { shapeScaleFitChecks } from "./shape-scale-fit-checks.js";

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

  shapeScaleFitChecks("gamma", fitGamma, [2, 10]);
});
