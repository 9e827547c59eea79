import jStat from "jstat";
import { describe, expect, it } from "vitest";
import { createStream } from "../../../src/random/index.js";
import { betaTableSampler } from "../../../src/sim/relevance/beta-table.js";
import { QS, quantileTolerance } from "../../support/quantile-tolerance.js";

describe("Beta relevance by table inversion", () => {
  const n = 400_000;
  for (const [a, b, m] of [
    [17, 3, 0.7],
    [2, 5, 0.3],
    [0.7, 0.9, 0.5],
    [400, 100, 0.8],
  ]) {
    it(`Beta(${a}, ${b}) split at ${m}: P(X ≥ m) is exact, quantiles within a knot`, () => {
      const draw = betaTableSampler(a, b, m, createStream(9, "beta-table", a).source);
      const xs = new Float64Array(n);
      let above = 0;
      for (let i = 0; i < n; i++) {
        xs[i] = draw();
        if (xs[i] >= m) above++;
      }
      const p = 1 - jStat.ibeta(m, a, b);
      // Binomial: the count above the split has sd √(n p (1 − p)); 5 sd.
      expect(Math.abs(above / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n) + 1 / n);
      xs.sort();
      expect(xs[0]).toBeGreaterThanOrEqual(0);
      expect(xs[n - 1]).toBeLessThanOrEqual(1);
      for (const q of QS) {
        const x = xs[Math.ceil(q * n) - 1];
        // Sampling tolerance plus the interpolation error: one knot spacing, 1/1024 of a side's mass.
        expect(Math.abs(jStat.ibeta(x, a, b) - q)).toBeLessThan(quantileTolerance(q, n) + 1 / 1024);
      }
    });
  }
});
