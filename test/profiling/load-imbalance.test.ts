import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadImbalance } from "../../src/profiling/load-imbalance.js";

describe("loadImbalance", () => {
  it("measures shares against the fair share: 90/10 over two targets peaks at 1.8×", () => {
    const m = loadImbalance({ a: 90, b: 10 });
    expect(m).toMatchObject({ targets: 2, total: 100, busiest: "a", idlest: "b" });
    expect(m.shares).toEqual({ a: 0.9, b: 0.1 });
    expect(m.peakToFair).toBeCloseTo(1.8, 12);
    // Ratios 1.8 and 0.2 around their mean 1: population sd 0.8, so CV 0.8.
    expect(m.cv).toBeCloseTo(0.8, 12);
    expect(m.idlestShare).toBeCloseTo(0.1, 12);
  });

  it("shows an expected target that got nothing as the idlest, with share 0", () => {
    const m = loadImbalance({ a: 5, b: 5 }, { expected: ["a", "b", "starved"] });
    expect(m.targets).toBe(3);
    expect(m.idlest).toBe("starved");
    expect(m.idlestShare).toBe(0);
    expect(m.peakToFair).toBeCloseTo(1.5, 12);
  });

  it("takes fair shares from capacity weights: traffic in proportion is perfectly even", () => {
    const m = loadImbalance({ big: 75, small: 25 }, { weights: { big: 3, small: 1 } });
    expect(m.peakToFair).toBeCloseTo(1, 12);
    expect(m.cv).toBeCloseTo(0, 12);
  });

  it("keeps 1 ≤ peak-to-fair ≤ n and shares summing to 1, for any counts", () => {
    const counts = fc.dictionary(
      fc.string({ minLength: 1, maxLength: 4 }),
      fc.integer({ min: 0, max: 1000 }),
      { minKeys: 1, maxKeys: 8 },
    );
    fc.assert(
      fc.property(counts, (c) => {
        const m = loadImbalance(c);
        if (m.total === 0) {
          expect(m.peakToFair).toBeNaN();
          return;
        }
        const sum = Object.values(m.shares).reduce((s, x) => s + x, 0);
        expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
        expect(m.peakToFair).toBeGreaterThanOrEqual(1 - 1e-12);
        expect(m.peakToFair).toBeLessThanOrEqual(m.targets + 1e-12);
        expect(m.shares[m.busiest]).toBe(Math.max(...Object.values(m.shares)));
      }),
    );
  });

  it("is NaN without requests", () => {
    const m = loadImbalance({ a: 0 });
    expect(m.peakToFair).toBeNaN();
    expect(m.cv).toBeNaN();
  });
});
