import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createStream } from "../../src/random/index.js";
import { holm } from "../../src/stats/holm.js";

describe("holm", () => {
  it("steps down as derived by hand", () => {
    // Sorted: 0.01 (α/3 = 0.0167: rejected), 0.03 (α/2 = 0.025: not, stop), 0.04 (not).
    // Adjusted: 3·0.01 = 0.03; max(0.03, 2·0.03) = 0.06; max(0.06, 1·0.04) = 0.06.
    const r = holm([0.01, 0.04, 0.03]);
    expect(r.rejected).toEqual([true, false, false]);
    expect(r.adjusted[0]).toBeCloseTo(0.03, 12);
    expect(r.adjusted[1]).toBeCloseTo(0.06, 12);
    expect(r.adjusted[2]).toBeCloseTo(0.06, 12);
    expect(r.level).toEqual([0.05 / 3, 0.025, 0.025]);
  });

  it("leaves NaN untested and out of the count", () => {
    // m = 2: 0.02 ≤ 0.05/2 and 0.04 ≤ 0.05/1.
    const r = holm([Number.NaN, 0.04, 0.02]);
    expect(r.rejected).toEqual([false, true, true]);
    expect(r.adjusted[0]).toBeNaN();
    expect(() => holm([0.1], 0)).toThrow(RangeError);
  });

  it("agrees with its adjusted p-values and levels, and rejects at least what Bonferroni does", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0.001, max: 0.5, noNaN: true }),
        (ps, alpha) => {
          const r = holm(ps, alpha);
          const m = ps.length;
          ps.forEach((p, i) => {
            expect(r.rejected[i]).toBe(r.adjusted[i] <= alpha);
            // An interval at confidence 1 − level excludes 0 exactly when p ≤ level.
            expect(r.rejected[i]).toBe(p <= r.level[i]);
            expect(r.adjusted[i]).toBeGreaterThanOrEqual(p);
            if (p <= alpha / m) expect(r.rejected[i]).toBe(true);
          });
          // Monotone: a smaller p-value is never adjusted above a larger one.
          for (let i = 0; i < m; i++) {
            for (let j = 0; j < m; j++) {
              if (ps[i] < ps[j]) expect(r.adjusted[i]).toBeLessThanOrEqual(r.adjusted[j]);
            }
          }
        },
      ),
    );
  });

  it("keeps the family-wise error rate at α when every hypothesis is true", () => {
    // 10 independent uniform p-values: Holm rejects anything iff min p ≤ α/10, so the
    // family-wise rate is 1 − (1 − 0.005)^10 = 0.0489. Over R = 4000 families the observed rate
    // has sd √(0.0489 · 0.9511 / 4000) = 0.0034; allow 4.5 sd.
    const R = 4000;
    const rng = createStream(11, "holm-fwer");
    let any = 0;
    for (let r = 0; r < R; r++) {
      const ps = Array.from({ length: 10 }, () => rng.next());
      if (holm(ps).rejected.some(Boolean)) any++;
    }
    const expected = 1 - (1 - 0.005) ** 10;
    expect(Math.abs(any / R - expected)).toBeLessThan(
      4.5 * Math.sqrt((expected * (1 - expected)) / R),
    );
  });
});
