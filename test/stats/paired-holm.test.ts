import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { meanInterval } from "../../src/stats/estimate.js";
import { holm } from "../../src/stats/holm.js";
import { pairedHolm } from "../../src/stats/paired-holm.js";
import { tTestPValue } from "../../src/stats/t-test.js";

describe("pairedHolm", () => {
  it("an interval above 0 is exactly a Holm rejection with a positive mean", () => {
    const sample = fc.array(fc.double({ min: -1, max: 1, noNaN: true }), {
      minLength: 2,
      maxLength: 8,
    });
    fc.assert(
      fc.property(fc.array(sample, { minLength: 1, maxLength: 12 }), (diffs) => {
        const tests = pairedHolm(diffs);
        const h = holm(diffs.map((d) => tTestPValue(meanInterval(d))));
        tests.forEach((t, k) => {
          // Away from the boundary (|t| at the critical value), both readings must agree.
          const p = t.pValue;
          const nearBoundary = Math.abs(p - (1 - t.confidence)) < 1e-9;
          if (!nearBoundary) expect(t.above).toBe(h.rejected[k] && t.diff.mean > 0);
          expect(t.adjustedPValue).toBe(h.adjusted[k]);
        });
      }),
    );
  });

  it("widens the interval with the number of settings tried", () => {
    const d = [0.02, 0.035, 0.005, 0.03, 0.01];
    const alone = pairedHolm([d])[0];
    const among10 = pairedHolm([
      d,
      ...Array.from({ length: 9 }, () => [0.01, -0.01, 0, 0.01, -0.01]),
    ])[0];
    expect(alone.confidence).toBeCloseTo(0.95, 12);
    expect(among10.confidence).toBeCloseTo(0.995, 12);
    expect(among10.diff.hi - among10.diff.lo).toBeGreaterThan(alone.diff.hi - alone.diff.lo);
    expect(alone.above).toBe(true);
    expect(among10.above).toBe(false);
  });
});
