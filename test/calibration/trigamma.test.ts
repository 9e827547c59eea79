import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { digamma } from "../../src/calibration/digamma.js";
import { trigamma } from "../../src/calibration/trigamma.js";

describe("trigamma", () => {
  it("matches closed forms at 1 and 1/2", () => {
    // ψ′(1) = π²/6, ψ′(½) = π²/2.
    expect(trigamma(1)).toBeCloseTo((Math.PI * Math.PI) / 6, 13);
    expect(trigamma(0.5)).toBeCloseTo((Math.PI * Math.PI) / 2, 12);
  });

  it("satisfies ψ′(x + 1) = ψ′(x) − 1/x²", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-2, max: 1e4, noNaN: true }), (x) => {
        const lhs = trigamma(x + 1);
        const rhs = trigamma(x) - 1 / (x * x);
        expect(Math.abs(lhs - rhs)).toBeLessThan(1e-11 * Math.max(1, trigamma(x)));
      }),
    );
  });

  it("is the derivative of digamma", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 50, noNaN: true }), (x) => {
        const h = 1e-5;
        const numeric = (digamma(x + h) - digamma(x - h)) / (2 * h);
        expect(Math.abs(trigamma(x) - numeric)).toBeLessThan(1e-6);
      }),
    );
  });

  it("rejects non-positive input", () => {
    expect(() => trigamma(-1)).toThrow(RangeError);
  });
});
