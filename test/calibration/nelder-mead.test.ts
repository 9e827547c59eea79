import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nelderMead } from "../../src/calibration/nelder-mead.js";

describe("nelderMead", () => {
  it("finds the Rosenbrock minimum (1, 1) from the classic start", () => {
    const rosen = ([x, y]: readonly number[]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2;
    const r = nelderMead(rosen, [-1.2, 1]);
    // The tolerance 1e-10 on the simplex's size bounds the error near a minimum of curvature ≥ 1.
    expect(Math.abs(r.x[0] - 1)).toBeLessThan(1e-6);
    expect(Math.abs(r.x[1] - 1)).toBeLessThan(1e-6);
    expect(r.evaluations).toBeGreaterThan(0);
  });

  it("minimises any positive-definite quadratic (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        fc.double({ min: -0.9, max: 0.9, noNaN: true }),
        (cx, cy, a, b, rho) => {
          // (x − c)ᵀ A (x − c) with A = [[a, ρ√(ab)], [ρ√(ab), b]], positive definite for |ρ| < 1.
          const off = rho * Math.sqrt(a * b);
          const f = ([x, y]: readonly number[]) => {
            const dx = x - cx;
            const dy = y - cy;
            return a * dx * dx + 2 * off * dx * dy + b * dy * dy;
          };
          const r = nelderMead(f, [0, 0], { step: 1 });
          // The minimum is 0 at c. f(x) ≥ λ_min·|x − c|² with λ_min ≥ (1 − |ρ|)·min(a, b) ≥ 0.01
          // here, so a value below 1e-8 puts x within √(1e-8/0.01) = 1e-3 of c.
          const dist = Math.hypot(r.x[0] - cx, r.x[1] - cy);
          return r.value < 1e-8 && dist < 1e-3;
        },
      ),
      { numRuns: 200 },
    );
  });

  it("walks away from non-finite values (a log-likelihood of −∞ outside the support)", () => {
    const f = ([x]: readonly number[]) => (x < 0 ? Number.NaN : (x - 2) ** 2);
    const r = nelderMead(f, [0.05], { step: -0.5 });
    expect(Math.abs(r.x[0] - 2)).toBeLessThan(1e-6);
  });

  it("throws on an empty or non-finite start", () => {
    expect(() => nelderMead(() => 0, [])).toThrow(RangeError);
    expect(() => nelderMead(() => 0, [Number.NaN])).toThrow(/finite starting point/);
  });
});
