import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { logLogFit } from "../../src/stats/log-log-fit.js";

describe("logLogFit", () => {
  it("recovers the exponent of an exact power law", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.uniqueArray(fc.integer({ min: 1, max: 1e7 }), { minLength: 2, maxLength: 8 }),
        (a, k, xs) => {
          const fit = logLogFit(xs.map((x) => ({ x, y: a * x ** k })));
          // Exact data: only floating-point rounding of the logs separates fit and truth.
          expect(fit.slope).toBeCloseTo(k, 6);
          expect(fit.intercept).toBeCloseTo(Math.log10(a), 5);
          expect(fit.points).toBe(xs.length);
          expect(fit.from).toBe(Math.min(...xs));
          expect(fit.to).toBe(Math.max(...xs));
        },
      ),
    );
  });

  it("reports how well a line fits in log space", () => {
    expect(
      logLogFit([
        { x: 1, y: 5 },
        { x: 10, y: 5 },
      ]).r2,
    ).toBe(1);
    const bent = logLogFit([
      { x: 1, y: 1 },
      { x: 10, y: 1 },
      { x: 100, y: 100 },
    ]);
    expect(bent.r2).toBeGreaterThan(0);
    expect(bent.r2).toBeLessThan(1);
  });

  it("refuses what it cannot fit", () => {
    expect(() => logLogFit([{ x: 10, y: 1 }])).toThrow(RangeError);
    expect(() =>
      logLogFit([
        { x: 10, y: 1 },
        { x: 10, y: 2 },
      ]),
    ).toThrow(/two distinct/);
    expect(() =>
      logLogFit([
        { x: 0, y: 1 },
        { x: 10, y: 2 },
      ]),
    ).toThrow(/> 0/);
  });
});
