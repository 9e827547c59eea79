import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aic, akaikeWeights } from "../../src/calibration/aic.js";

describe("aic", () => {
  it("is 2k − 2 ln L", () => {
    expect(aic(-1234.5, 2)).toBe(2473);
    expect(aic(0, 0)).toBe(0);
  });
});

describe("akaikeWeights", () => {
  it("gives exp(−Δ/2) shares: AICs 100 and 102 weigh 1/(1 + e⁻¹) and e⁻¹/(1 + e⁻¹)", () => {
    const [a, b] = akaikeWeights([100, 102]);
    expect(a).toBeCloseTo(1 / (1 + Math.exp(-1)), 14);
    expect(b).toBeCloseTo(Math.exp(-1) / (1 + Math.exp(-1)), 14);
  });

  it("sum to 1, rank like the AICs, and ignore a common shift (so huge AICs do not underflow)", () => {
    const aics = fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), {
      minLength: 1,
      maxLength: 8,
    });
    fc.assert(
      fc.property(aics, fc.double({ min: -1e6, max: 1e6, noNaN: true }), (xs, shift) => {
        const w = akaikeWeights(xs);
        expect(Math.abs(w.reduce((s, x) => s + x, 0) - 1)).toBeLessThan(1e-12);
        for (let i = 0; i < xs.length; i++) {
          for (let j = 0; j < xs.length; j++) {
            if (xs[i] < xs[j]) expect(w[i]).toBeGreaterThanOrEqual(w[j]);
          }
        }
        const shifted = akaikeWeights(xs.map((x) => x + shift));
        for (let i = 0; i < w.length; i++) expect(Math.abs(shifted[i] - w[i])).toBeLessThan(1e-9);
      }),
    );
  });
});
