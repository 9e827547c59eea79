import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ksPValue, ksStatistic, ksTest } from "../../src/calibration/index.js";
import { createStream } from "../../src/random/index.js";

describe("ksStatistic", () => {
  it("equals a brute-force sup over both sides of every jump", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1 }), (xs) => {
        const sorted = [...xs].sort((a, b) => a - b);
        const n = sorted.length;
        // Brute force: |Fₙ(x) − x| just below and at every sample point.
        let d = 0;
        for (const x of sorted) {
          const atOrBelow = sorted.filter((y) => y <= x).length / n;
          const below = sorted.filter((y) => y < x).length / n;
          d = Math.max(d, Math.abs(atOrBelow - x), Math.abs(below - x));
        }
        expect(ksStatistic(xs, (x) => x)).toBeCloseTo(d, 12);
      }),
    );
  });
});

describe("ksPValue", () => {
  it("reproduces the Kolmogorov distribution's critical values for large n", () => {
    // Tabulated asymptotic critical values: P(√n·D > 1.3581) = 0.05, P(√n·D > 1.6276) = 0.01,
    // P(√n·D > 1.2239) = 0.10. At n = 10⁸ Stephens' correction changes λ by ~1e-5.
    const n = 1e8;
    expect(ksPValue(1.3581 / Math.sqrt(n), n)).toBeCloseTo(0.05, 4);
    expect(ksPValue(1.6276 / Math.sqrt(n), n)).toBeCloseTo(0.01, 4);
    expect(ksPValue(1.2239 / Math.sqrt(n), n)).toBeCloseTo(0.1, 4);
  });

  it("is decreasing in D and stays in [0, 1]", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 100_000 }),
        (a, b, n) => {
          const [lo, hi] = a < b ? [a, b] : [b, a];
          const pLo = ksPValue(lo, n);
          const pHi = ksPValue(hi, n);
          expect(pLo).toBeGreaterThanOrEqual(pHi - 1e-15);
          expect(pHi).toBeGreaterThanOrEqual(0);
          expect(pLo).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it("rejects at about the nominal rate when the null is true", () => {
    // R samples of size 100 from U(0, 1), tested against the true CDF: the fraction with
    // p < 0.05 is Binomial(R, 0.05)/R, sd √(0.05·0.95/R) = 0.0069 at R = 1000; allow 4.5 sd.
    const R = 1000;
    let rejected = 0;
    for (let r = 0; r < R; r++) {
      const rng = createStream(7, "ks-null", r);
      const xs = Array.from({ length: 100 }, () => rng.next());
      if (ksTest(xs, (x) => x).pValue < 0.05) rejected++;
    }
    expect(Math.abs(rejected / R - 0.05)).toBeLessThan(4.5 * Math.sqrt((0.05 * 0.95) / R));
  });

  it("rejects bad arguments", () => {
    expect(() => ksPValue(0.1, 0)).toThrow(RangeError);
    expect(() => ksPValue(1.5, 10)).toThrow(RangeError);
    expect(() => ksStatistic([], (x) => x)).toThrow(RangeError);
  });
});
