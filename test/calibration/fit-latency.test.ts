import { describe, expect, it } from "vitest";
import { fitLatency } from "../../src/calibration/index.js";
import { seededSample } from "./round-trip.js";

describe("fitLatency", () => {
  // AIC picks the true family when the expected log-likelihood gap n·KL dwarfs its sd √(n·v),
  // v the variance of the per-value log-likelihood ratio. Measured once on 2·10⁵ draws, the
  // closest rival for each case below has KL ≥ 0.0063 nats and v ≤ 0.021, so at n = 20 000 the
  // gap is ≥ 126 nats with sd ≤ 20: at least 6 sd, a false failure below 1e-9.
  const n = 20_000;
  for (const [family, a, b] of [
    ["lognormal", Math.log(45), 0.8],
    ["gamma", 9, 2],
    ["weibull", 1.5, 30],
  ] as const) {
    it(`chooses ${family} for ${family} data`, () => {
      const report = fitLatency(seededSample(family, a, b, n, 4));
      expect(report.best.distribution.family).toBe(family);
      expect(report.reason).toMatch(/lowest AIC/);
      expect(report.candidates.map((c) => c.distribution.family)).toEqual([
        "lognormal",
        "gamma",
        "weibull",
        "empirical",
      ]);
      const weights = Object.values(report.akaikeWeights);
      expect(weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
      expect(report.akaikeWeights[family]).toBeGreaterThan(0.99);
      // The true model passes KS (conservative with fitted parameters: p is biased upward).
      expect(report.best.ks.pValue).toBeGreaterThan(1e-3);
    });
  }

  it("falls back to the empirical summary when every parametric fit is clearly wrong", () => {
    // A two-point mixture (cache hits ~0.1 ms, misses ~40 ms) is bimodal: no unimodal family
    // fits; each parametric KS statistic is ~0.1–0.3 at n = 4000, i.e. p ≈ 0.
    const hits = seededSample("lognormal", Math.log(0.1), 0.2, 2000, 5);
    const misses = seededSample("lognormal", Math.log(40), 0.2, 2000, 6);
    const report = fitLatency([...hits, ...misses], { empiricalBelowPValue: 1e-3 });
    expect(report.best.distribution.family).toBe("empirical");
    expect(report.reason).toMatch(/empirical summary is used/);
  });

  it("forces a family on request and reports families that cannot be fitted", () => {
    const xs = [0, 1, 2, 3];
    const report = fitLatency(xs);
    expect(report.best.distribution.family).toBe("empirical");
    expect(report.failures.map((f) => f.family)).toEqual(["lognormal", "gamma", "weibull"]);
    expect(() => fitLatency(xs, { choose: "gamma" })).toThrow(/positive/);
    const forced = fitLatency(seededSample("gamma", 2, 5, 500, 8), { choose: "weibull" });
    expect(forced.best.distribution.family).toBe("weibull");
  });
});
