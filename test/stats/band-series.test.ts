import fc from "fast-check";
import jStat from "jstat";
import { describe, expect, it } from "vitest";
import { bandSeries } from "../../src/stats/band-series.js";

describe("bandSeries", () => {
  it("gives each point's mean and t-interval: two curves [1, 2] and [3, 4]", () => {
    // At each point the two values differ by 2: sd = √2, half-width t(0.975, 1)·√2/√2.
    const t = jStat.studentt.inv(0.975, 1);
    const b = bandSeries([
      [1, 2],
      [3, 4],
    ]);
    expect(b.mean).toEqual([2, 3]);
    for (let i = 0; i < 2; i++) {
      expect(b.lo[i]).toBeCloseTo(b.mean[i] - t, 12);
      expect(b.hi[i]).toBeCloseTo(b.mean[i] + t, 12);
    }
  });

  it("cuts to the shortest curve and keeps lo ≤ mean ≤ hi at every point", () => {
    const curve = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { maxLength: 20 });
    fc.assert(
      fc.property(fc.array(curve, { minLength: 2, maxLength: 6 }), (curves) => {
        const b = bandSeries(curves);
        const n = Math.min(...curves.map((c) => c.length));
        expect(b.mean).toHaveLength(n);
        expect(b.lo).toHaveLength(n);
        expect(b.hi).toHaveLength(n);
        for (let i = 0; i < n; i++) {
          const mean = curves.reduce((s, c) => s + c[i], 0) / curves.length;
          expect(Math.abs(b.mean[i] - mean)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(mean)));
          expect(b.lo[i]).toBeLessThanOrEqual(b.mean[i] + 1e-9);
          expect(b.hi[i]).toBeGreaterThanOrEqual(b.mean[i] - 1e-9);
        }
      }),
    );
  });

  it("has no band for one curve and no points for none", () => {
    const one = bandSeries([[5, 6]]);
    expect(one.mean).toEqual([5, 6]);
    expect(one.lo.every(Number.isNaN)).toBe(true);
    expect(bandSeries([])).toEqual({ mean: [], lo: [], hi: [] });
  });
});
