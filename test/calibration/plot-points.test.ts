import { describe, expect, it } from "vitest";
import { cdfPoints, ecdfPoints, fitLatency, qqPoints } from "../../src/calibration/index.js";
import { seededSample } from "./round-trip.js";

describe("plot helpers", () => {
  const xs = seededSample("lognormal", Math.log(20), 0.5, 4000, 10);
  const report = fitLatency(xs);

  it("qqPoints lie near y = x for the true family", () => {
    const points = qqPoints(report.best, xs, { maxPoints: 50 });
    expect(points).toHaveLength(50);
    // Between the 5th and 95th percentiles a sample quantile's relative sd is below 3 % at
    // n = 4000 for σ = 0.5 (sd ≈ σ√(p(1−p)/n)/φ(z_p)); allow 15 %.
    for (const { p, theoretical, observed } of points) {
      if (p > 0.05 && p < 0.95) expect(Math.abs(observed / theoretical - 1)).toBeLessThan(0.15);
    }
    expect(points.map((q) => q.p)).toEqual([...points.map((q) => q.p)].sort((a, b) => a - b));
  });

  it("ecdfPoints end at 1 and are non-decreasing", () => {
    const points = ecdfPoints(xs, { maxPoints: 100 });
    expect(points).toHaveLength(100);
    expect(points[points.length - 1].p).toBe(1);
    for (let i = 1; i < points.length; i++) {
      expect(points[i].x).toBeGreaterThanOrEqual(points[i - 1].x);
      expect(points[i].p).toBeGreaterThan(points[i - 1].p);
    }
  });

  it("cdfPoints span the range, log-spaced on request", () => {
    const points = cdfPoints(report.best, { min: 1, max: 1000, points: 4, log: true });
    expect(points.map((p) => p.x)).toEqual([1, 10, 100, 1000].map((x) => expect.closeTo(x, 9)));
    expect(points[0].p).toBeLessThan(points[3].p);
    expect(() => cdfPoints(report.best, { min: 0, max: 10, log: true })).toThrow(RangeError);
  });
});
