import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { median } from "../../src/stats/median.js";

const values = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), {
  minLength: 1,
  maxLength: 50,
});

describe("median", () => {
  it("is the middle value of an odd count and the mean of the middle two of an even one", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([3, 1, 2, 10])).toBe(2.5);
    expect(median([7])).toBe(7);
    fc.assert(
      fc.property(values, (xs) => {
        const s = [...xs].sort((a, b) => a - b);
        const m = s.length >> 1;
        const expected = s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
        // The interpolated quantile computes the even case as a + (b − a)/2: within rounding.
        expect(Math.abs(median(xs) - expected)).toBeLessThanOrEqual(
          1e-9 * (1 + Math.abs(expected)),
        );
      }),
    );
  });

  it("splits the values in half and ignores their order, leaving the input unsorted", () => {
    fc.assert(
      fc.property(values, fc.integer(), (xs, shift) => {
        const before = [...xs];
        const m = median(xs);
        expect(xs).toEqual(before);
        const k = ((shift % xs.length) + xs.length) % xs.length;
        expect(median([...xs.slice(k), ...xs.slice(0, k)])).toBe(m);
        expect(xs.filter((x) => x <= m).length).toBeGreaterThanOrEqual(xs.length / 2);
        expect(xs.filter((x) => x >= m).length).toBeGreaterThanOrEqual(xs.length / 2);
      }),
    );
  });

  it("is NaN for no values", () => {
    expect(median([])).toBeNaN();
  });
});
