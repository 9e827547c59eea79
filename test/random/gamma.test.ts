import jStat from "jstat";
import { describe, expect, it } from "vitest";
import {
  createStream,
  GAMMA_CONSTANTS,
  gammaConstants,
  gammaFromConstants,
  sampleGamma,
  sampleMany,
  standardNormal,
} from "../../src/random/index.js";
import { ksCritical, ksDistance } from "../support/ks-distance.js";

const N = 50_000;
const CRITICAL = ksCritical(N);

/** Unbiased sample variance. */
function sampleVariance(xs: number[]): number {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
}

// The distributions of sampleGamma and sampleBeta (and so their means) are checked by
// Kolmogorov–Smirnov tests (below, and in beta.test.ts). KS is least sensitive in the tails,
// which a variance weighs, so the unbounded Gamma's variance is checked here as well (a Beta
// draw is bounded to [0, 1], where KS covers the whole range).
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

describe("sampleGamma and gammaFromConstants: the distribution, draw by draw", () => {
  it.each([
    [0.4, 1],
    [1, 1],
    [2.5, 1],
    [50, 1],
  ])("sampleGamma follows Gamma(%d)", (k) => {
    const rng = createStream(2, "gamma", k);
    const xs = Array.from({ length: N }, () => sampleGamma(rng, k));
    expect(ksDistance(xs, (x) => jStat.gamma.cdf(x, k, 1))).toBeLessThan(CRITICAL);
  });
  it("gammaFromConstants's squeeze gives the published algorithm's numbers, draw by draw", () => {
    // Marsaglia & Tsang (2000) as published: squeeze u < 1 − 0.0331 z⁴, then the log test.
    const published = (rng: ReturnType<typeof createStream>, shape: number): number => {
      const k = shape < 1 ? shape + 1 : shape;
      const d = k - 1 / 3;
      const c = 1 / Math.sqrt(9 * d);
      for (;;) {
        const z = standardNormal(rng);
        const w = 1 + c * z;
        if (w <= 0) continue;
        const v = w * w * w;
        const u = rng.next();
        const z2 = z * z;
        if (u < 1 - 0.0331 * z2 * z2 || Math.log(u) < 0.5 * z2 + d * (1 - v + Math.log(v))) {
          return shape < 1 ? d * v * (1 - rng.next()) ** (1 / shape) : d * v;
        }
      }
    };
    for (const shape of [0.3, 1, 1.5, 3, 30, 1e4]) {
      const k = new Float64Array(GAMMA_CONSTANTS);
      gammaConstants(shape, k, 0);
      const ours = createStream(6, "squeeze", shape);
      const theirs = createStream(6, "squeeze", shape);
      for (let i = 0; i < 50_000; i++) {
        expect(gammaFromConstants(ours, k, 0)).toBe(published(theirs, shape));
      }
    }
  });
});

describe("gammaConstants", () => {
  it("refuses shapes the sampler would loop on forever", () => {
    const out = new Float64Array(GAMMA_CONSTANTS);
    for (const shape of [-4, 0, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => gammaConstants(shape, out, 0)).toThrow(/gamma shape/);
    }
  });

  it("computes Marsaglia–Tsang's d = k − 1/3 and c = 1/√(9d), boosting shapes below 1", () => {
    const out = new Float64Array(GAMMA_CONSTANTS);
    gammaConstants(0.5, out, 0); // boosted: k = 1.5, and 1/shape = 2 for the u^(1/shape) factor
    expect(out[0]).toBeCloseTo(1.5 - 1 / 3, 14);
    expect(out[1]).toBeCloseTo(1 / Math.sqrt(9 * (1.5 - 1 / 3)), 14);
    expect(out[2]).toBe(2);
    expect(out[3]).toBeCloseTo(1 / (108 * (1.5 - 1 / 3)), 14);
  });
});
