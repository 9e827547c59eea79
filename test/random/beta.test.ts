import { describe, expect, it } from "vitest";
import { createStream, sampleBeta, sampleGamma, sampleMany } from "../../src/random/index.js";

/** Mean and variance of a sample. */
function moments(xs: number[]): { mean: number; variance: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
  return { mean, variance };
}

describe("sampleGamma", () => {
  // Gamma(k, 1): mean k, variance k. The sample mean has sd sqrt(k/n); 5 sd bounds a
  // false failure at ~6e-7 per check.
  for (const k of [0.3, 1, 2.5, 40]) {
    it(`matches Gamma(${k}) mean and variance`, () => {
      const n = 50_000;
      const xs = sampleMany(createStream(11, "gamma", k), n, (r) => sampleGamma(r, k));
      const { mean, variance } = moments(xs);
      expect(Math.abs(mean - k)).toBeLessThan(5 * Math.sqrt(k / n));
      // Var of the sample variance for Gamma: (μ4 − σ⁴)/n with μ4 = 3k² + 6k.
      const sdVar = Math.sqrt((3 * k * k + 6 * k - k * k) / n);
      expect(Math.abs(variance - k)).toBeLessThan(5 * sdVar);
    });
  }

  it("rejects a shape that is not positive", () => {
    const rng = createStream(1);
    expect(() => sampleGamma(rng, 0)).toThrow(/shape/);
    expect(() => sampleGamma(rng, Number.NaN)).toThrow(/shape/);
  });
});

describe("sampleBeta", () => {
  it("matches the Beta(3, 5) mean", () => {
    const n = 50_000;
    const xs = sampleMany(createStream(5, "beta"), n, (r) => sampleBeta(r, 3, 5));
    const mean = 3 / 8;
    const variance = (3 * 5) / (8 * 8 * 9);
    expect(xs.every((x) => x >= 0 && x <= 1)).toBe(true);
    expect(Math.abs(moments(xs).mean - mean)).toBeLessThan(5 * Math.sqrt(variance / n));
  });
});
