import { describe, expect, it } from "vitest";
import {
  distributionCdf,
  distributionQuantile,
  fitEmpirical,
} from "../../src/calibration/index.js";
import { seededSample } from "./round-trip.js";

describe("fitEmpirical", () => {
  it("keeps the sorted values when points = n", () => {
    expect(fitEmpirical([3, 1, 2]).quantiles).toEqual([1, 2, 3]);
  });

  it("has a CDF that inverts its quantile function", () => {
    const xs = seededSample("weibull", 1.2, 10, 3000, 9);
    const d = fitEmpirical(xs, { points: 500 });
    expect(d.quantiles).toHaveLength(500);
    for (const p of [0.01, 0.1, 0.5, 0.9, 0.99]) {
      expect(distributionCdf(d, distributionQuantile(d, p))).toBeCloseTo(p, 9);
    }
  });

  it("tracks the sample's quantiles", () => {
    // Summary and sample are the same data, so sampling error plays no part: only the summary's
    // interpolation does. Its m = 500 knots sit every n/m = 6 order statistics, and the two
    // knots around p = 0.9 each lie between adjacent order statistics, so its quantile is
    // within one knot's worth of the sample's own (type 5: index 0.9n − ½ = 2699.5).
    const n = 3000;
    const m = 500;
    const xs = seededSample("weibull", 1.2, 10, n, 9);
    const sorted = [...xs].sort((a, b) => a - b);
    const q = distributionQuantile(fitEmpirical(xs, { points: m }), 0.9);
    const k = (9 * n) / 10;
    expect(q).toBeGreaterThanOrEqual(sorted[k - 1 - n / m]);
    expect(q).toBeLessThanOrEqual(sorted[k + n / m]);
  });

  it("rejects empty or negative samples and bad point counts", () => {
    expect(() => fitEmpirical([])).toThrow(RangeError);
    expect(() => fitEmpirical([1, -1])).toThrow(RangeError);
    expect(() => fitEmpirical([1, 2], { points: 0 })).toThrow(RangeError);
  });
});
