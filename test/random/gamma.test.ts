import { describe, expect, it } from "vitest";
import { createStream, sampleGamma, sampleMany } from "../../src/random/index.js";

/** Unbiased sample variance. */
function sampleVariance(xs: number[]): number {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
}

// The distributions of sampleGamma and sampleBeta (and so their means) are checked by
// Kolmogorov–Smirnov tests in samplers.test.ts. KS is least sensitive in the tails, which a
// variance weighs, so the unbounded Gamma's variance is checked here as well (a Beta draw is
// bounded to [0, 1], where KS covers the whole range).
describe("sampleGamma", () => {
  // Gamma(k, 1) has variance k. The sample variance has sd √((μ₄ − σ⁴)/n), μ₄ = 3k² + 6k;
  // 5 sd bounds a false failure at ~6e-7 per check.
  for (const k of [0.3, 1, 2.5, 40]) {
    it(`matches the Gamma(${k}) variance`, () => {
      const n = 50_000;
      const xs = sampleMany(createStream(11, "gamma", k), n, (r) => sampleGamma(r, k));
      const sdVar = Math.sqrt((3 * k * k + 6 * k - k * k) / n);
      expect(Math.abs(sampleVariance(xs) - k)).toBeLessThan(5 * sdVar);
    });
  }

  it("rejects a shape that is not positive", () => {
    const rng = createStream(1);
    expect(() => sampleGamma(rng, 0)).toThrow(/shape/);
    expect(() => sampleGamma(rng, Number.NaN)).toThrow(/shape/);
  });
});
