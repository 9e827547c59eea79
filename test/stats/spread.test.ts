import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { spreadOf } from "../../src/stats/spread.js";

describe("spreadOf", () => {
  it("gives the median, extremes and MAD", () => {
    expect(spreadOf([5, 1, 3, 100, 4])).toEqual({ median: 4, min: 1, max: 100, mad: 1, runs: 5 });
  });

  it("keeps the median between min and max", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: -1e9, max: 1e9 }), { minLength: 1 }),
        (xs) => {
          const s = spreadOf(xs);
          expect(s.min).toBeLessThanOrEqual(s.median);
          expect(s.median).toBeLessThanOrEqual(s.max);
          expect(s.mad).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});
