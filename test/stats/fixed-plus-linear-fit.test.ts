import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fixedPlusLinearFit } from "../../src/stats/fixed-plus-linear-fit.js";

describe("fixedPlusLinearFit", () => {
  it("recovers the fixed and per-query cost of exact data", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: 10, max: 1e5, noNaN: true }),
        (fixedMs, perQueryNs) => {
          const pts = [1e2, 1e3, 1e4, 1e5, 1e6].map((n) => ({
            queries: n,
            ms: fixedMs + (perQueryNs * n) / 1e6,
          }));
          const fit = fixedPlusLinearFit(pts);
          expect(fit.fixedMs).toBeCloseTo(fixedMs, 6);
          expect(fit.perQueryNs / perQueryNs).toBeCloseTo(1, 9);
        },
      ),
    );
  });

  it("needs two distinct sizes", () => {
    expect(() => fixedPlusLinearFit([{ queries: 10, ms: 1 }])).toThrow(RangeError);
    expect(() =>
      fixedPlusLinearFit([
        { queries: 10, ms: 0 },
        { queries: 20, ms: 1 },
      ]),
    ).toThrow(/> 0/);
  });
});
