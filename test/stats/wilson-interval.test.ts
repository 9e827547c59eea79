import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { wilsonInterval } from "../../src/stats/wilson-interval.js";

describe("wilsonInterval", () => {
  it("matches the closed form for 10 events in 1000 trials at 95 %", () => {
    // p = 0.01, z² = 3.8416: centre = p + z²/2n = 0.0119208, half-width =
    // z·√(p(1−p)/n + z²/4n²) = 0.0064592, divided by 1 + z²/n = 1.0038416.
    const [lo, hi] = wilsonInterval(10, 1000, 1.96);
    expect(lo).toBeCloseTo(0.0054407, 6);
    expect(hi).toBeCloseTo(0.01831, 5);
    expect(wilsonInterval(0, 0, 1.96)).toEqual([0, 1]);
    expect(wilsonInterval(0, 50, 1.96)[0]).toBe(0);
  });
});

describe("wilsonInterval coverage and bounds", () => {
  it("reproduces Newcombe (1998), Table II", () => {
    // Statistics in Medicine 17:857–872, method 3 (score interval without continuity correction).
    const cases: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [k, n, lo, hi] of cases) {
      const [a, b] = wilsonInterval(k, n);
      expect(a).toBeCloseTo(lo, 4);
      expect(b).toBeCloseTo(hi, 4);
    }
  });

  it("contains the observed proportion and stays in [0, 1]", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, f) => {
          const k = Math.round(f * n);
          const [lo, hi] = wilsonInterval(k, n);
          expect(lo).toBeGreaterThanOrEqual(0);
          expect(hi).toBeLessThanOrEqual(1);
          expect(lo).toBeLessThanOrEqual(k / n + 1e-12);
          expect(hi).toBeGreaterThanOrEqual(k / n - 1e-12);
        },
      ),
    );
  });
});
