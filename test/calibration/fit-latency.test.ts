import { describe, expect, it } from "vitest";
import {
  distributionCdf,
  distributionQuantile,
  fitEmpirical,
  fitLatency,
} from "../../src/calibration/index.js";
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
