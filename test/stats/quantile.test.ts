import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { median } from "../../src/stats/median.js";
import { orderStatistic, quantileSorted } from "../../src/stats/quantile.js";

describe("quantileSorted and orderStatistic", () => {
  it("interpolate, or pick x[⌊q·(n−1)⌋]", () => {
    expect(quantileSorted([0, 10], 0.25)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(orderStatistic([1, 2, 3, 4], 0.5)).toBe(2);
    expect(orderStatistic([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted(Float64Array.from([5]), 0.99)).toBe(5);
  });

  it("lie within the data, and the order statistic is never above the interpolation", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (xs, q) => {
          const s = [...xs].sort((a, b) => a - b);
          const interpolated = quantileSorted(s, q);
          const picked = orderStatistic(s, q);
          expect(interpolated).toBeGreaterThanOrEqual(s[0]);
          expect(interpolated).toBeLessThanOrEqual(s[s.length - 1]);
          expect(s).toContain(picked);
          expect(picked).toBeLessThanOrEqual(
            interpolated + 1e-9 * Math.max(1, Math.abs(interpolated)),
          );
        },
      ),
    );
  });
});

describe("median", () => {
  it("is the middle value, or the mean of the middle two", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([3, 1, 2, 10])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
