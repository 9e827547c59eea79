import { describe, expect, it } from "vitest";
import { createStream, standardNormal } from "../../src/random/index.js";
import { hasInterval, meanInterval } from "../../src/stats/estimate.js";

describe("meanInterval", () => {
  it("is the Student-t interval", () => {
    // mean 11, sd 1, t(0.975, 2) = 4.3027: 11 ± 4.3027/√3.
    const i = meanInterval([10, 12, 11]);
    expect(i.mean).toBe(11);
    expect(i.sd).toBe(1);
    expect(i.lo).toBeCloseTo(11 - 4.302653 / Math.sqrt(3), 5);
    expect(i.hi).toBeCloseTo(11 + 4.302653 / Math.sqrt(3), 5);
    expect(i.n).toBe(3);
    // One run has no spread: no interval, and NaN values are left out.
    expect(hasInterval(meanInterval([3]))).toBe(false);
    expect(meanInterval([3, Number.NaN])).toEqual({
      mean: 3,
      lo: Number.NaN,
      hi: Number.NaN,
      sd: 0,
      n: 1,
    });
    expect(meanInterval([]).n).toBe(0);
  });

  it("covers the true mean about 95 % of the time", () => {
    // 2000 normal samples of size 5: coverage is Binomial(2000, 0.95)/2000, sd 0.0049; 4.5 sd.
    const R = 2000;
    const rng = createStream(5, "coverage");
    let covered = 0;
    for (let r = 0; r < R; r++) {
      const { lo, hi } = meanInterval(Array.from({ length: 5 }, () => standardNormal(rng)));
      if (lo <= 0 && 0 <= hi) covered++;
    }
    expect(Math.abs(covered / R - 0.95)).toBeLessThan(4.5 * Math.sqrt((0.95 * 0.05) / R));
  });
});
