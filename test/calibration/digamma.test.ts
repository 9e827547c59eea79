import fc from "fast-check";
import jStat from "jstat";
import { describe, expect, it } from "vitest";
import { digamma } from "../../src/calibration/digamma.js";

const EULER_GAMMA = 0.5772156649015329;

describe("digamma", () => {
  it("matches closed forms at 1, 1/2 and 1/4", () => {
    // ψ(1) = −γ, ψ(½) = −γ − 2 ln 2, ψ(¼) = −γ − π/2 − 3 ln 2 (Abramowitz & Stegun 6.3.2–6.3.4).
    expect(digamma(1)).toBeCloseTo(-EULER_GAMMA, 13);
    expect(digamma(0.5)).toBeCloseTo(-EULER_GAMMA - 2 * Math.LN2, 13);
    expect(digamma(0.25)).toBeCloseTo(-EULER_GAMMA - Math.PI / 2 - 3 * Math.LN2, 12);
  });

  it("satisfies ψ(x + 1) = ψ(x) + 1/x", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e4, noNaN: true }), (x) => {
        const lhs = digamma(x + 1);
        const rhs = digamma(x) + 1 / x;
        expect(Math.abs(lhs - rhs)).toBeLessThan(1e-11 * Math.max(1, Math.abs(lhs)));
      }),
    );
  });

  it("is the derivative of ln Γ (central difference of jstat's gammaln)", () => {
    // Central difference error is h²/6·ψ″ ≈ 1e-10·|ψ″| plus rounding ~1e-15·lnΓ/h; with
    // h = 1e-5 both stay below 1e-6 on [0.5, 50].
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 50, noNaN: true }), (x) => {
        const h = 1e-5;
        const numeric = (jStat.gammaln(x + h) - jStat.gammaln(x - h)) / (2 * h);
        expect(Math.abs(digamma(x) - numeric)).toBeLessThan(1e-6);
      }),
    );
  });

  it("rejects non-positive input", () => {
    expect(() => digamma(0)).toThrow(RangeError);
    expect(() => digamma(Number.NaN)).toThrow(RangeError);
  });
});
