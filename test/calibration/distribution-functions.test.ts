import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  distributionCdf,
  distributionQuantile,
} from "../../src/calibration/distribution-functions.js";
import type { LatencyDistribution } from "../../src/calibration/types.js";

const families: LatencyDistribution[] = [
  { family: "lognormal", mu: Math.log(45), sigma: 0.8 },
  { family: "gamma", shape: 2.5, scale: 12 },
  { family: "weibull", shape: 1.5, scale: 30 },
  {
    family: "mixture",
    components: [
      { weight: 0.7, distribution: { family: "lognormal", mu: Math.log(10), sigma: 0.3 } },
      { weight: 0.3, distribution: { family: "weibull", shape: 2, scale: 200 } },
    ],
  },
];

describe("distributionCdf / distributionQuantile", () => {
  it("agree with closed forms: the lognormal's median e^μ, the Weibull's F(λ) = 1 − 1/e", () => {
    expect(distributionQuantile(families[0], 0.5)).toBeCloseTo(45, 9);
    expect(distributionCdf(families[2], 30)).toBeCloseTo(1 - Math.exp(-1), 12);
    // The mixture's CDF is its components' weighted CDFs.
    const [a, b] = [families[0], families[2]];
    const mix: LatencyDistribution = {
      family: "mixture",
      components: [
        { weight: 0.25, distribution: a },
        { weight: 0.75, distribution: b },
      ],
    };
    for (const x of [5, 30, 100]) {
      expect(distributionCdf(mix, x)).toBeCloseTo(
        0.25 * distributionCdf(a, x) + 0.75 * distributionCdf(b, x),
        12,
      );
    }
  });

  it("are inverses: F(Q(p)) = p for every family, the mixture's by bisection", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...families),
        fc.double({ min: 1e-4, max: 1 - 1e-4, noNaN: true }),
        (d, p) => {
          expect(Math.abs(distributionCdf(d, distributionQuantile(d, p)) - p)).toBeLessThan(1e-8);
        },
      ),
    );
  });

  it("are non-decreasing, with no mass at or below 0", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...families),
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        (d, x, y) => {
          const [lo, hi] = x <= y ? [x, y] : [y, x];
          expect(distributionCdf(d, lo)).toBeLessThanOrEqual(distributionCdf(d, hi));
        },
      ),
    );
    for (const d of families) {
      expect(distributionCdf(d, 0)).toBe(0);
      expect(distributionCdf(d, -5)).toBe(0);
    }
  });

  it("rejects a probability outside (0, 1)", () => {
    for (const p of [0, 1, -0.1, Number.NaN]) {
      expect(() => distributionQuantile(families[0], p)).toThrow(RangeError);
    }
  });
});
