import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { meanInterval } from "../../src/stats/estimate.js";
import { tTestPValue } from "../../src/stats/t-test.js";

describe("tTestPValue", () => {
  it("is 0.05 where the 95 % interval just touches 0", () => {
    // n = 3, sd = 1: the interval's half-width is t(0.975, 2)/√3 = 4.302653/√3, so a mean of
    // exactly that puts lo at 0 and p at 0.05.
    const m = 4.302653 / Math.sqrt(3);
    const e = meanInterval([m - 1, m, m + 1]);
    expect(e.lo).toBeCloseTo(0, 5);
    expect(tTestPValue(e)).toBeCloseTo(0.05, 5);
  });

  it("handles zero spread and too few values", () => {
    expect(tTestPValue(meanInterval([0, 0, 0]))).toBe(1);
    expect(tTestPValue(meanInterval([0.2, 0.2, 0.2]))).toBe(0);
    expect(tTestPValue(meanInterval([0.2]))).toBeNaN();
  });

  it("is below 1 − confidence exactly when that interval excludes 0", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 2, maxLength: 12 }),
        fc.constantFrom(0.9, 0.95, 0.99, 0.999),
        (xs, confidence) => {
          const e = meanInterval(xs, confidence);
          fc.pre(e.sd > 1e-9 && Math.abs(e.lo) > 1e-9 && Math.abs(e.hi) > 1e-9);
          const excludes = e.lo > 0 || e.hi < 0;
          expect(tTestPValue(e) < 1 - confidence).toBe(excludes);
        },
      ),
    );
  });
});
