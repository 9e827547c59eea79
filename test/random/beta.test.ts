import jStat from "jstat";
import { describe, expect, it } from "vitest";
import {
  createStream,
  GAMMA_CONSTANTS,
  gammaConstants,
  gammaFromConstants,
  sampleBeta,
  sampleBetasPre,
  sampleGamma,
  standardNormal,
} from "../../src/random/index.js";

/**
 * Kolmogorov–Smirnov distance between a sample and a CDF. With n draws the asymptotic
 * critical value at level p is √(−ln(p/2) / (2n)); at p = 1e-6 and n = 50,000 that is 0.0118.
 */
function ksDistance(xs: number[], cdf: (x: number) => number): number {
  const s = [...xs].sort((a, b) => a - b);
  let d = 0;
  for (let i = 0; i < s.length; i++) {
    const f = cdf(s[i]);
    d = Math.max(d, Math.abs(f - i / s.length), Math.abs((i + 1) / s.length - f));
  }
  return d;
}
const N = 50_000;
const CRITICAL = Math.sqrt(-Math.log(1e-6 / 2) / (2 * N));

describe("fast exact samplers", () => {
  it("standardNormal follows N(0, 1), tails included", () => {
    const rng = createStream(1, "zig");
    const xs = Array.from({ length: N }, () => standardNormal(rng));
    expect(ksDistance(xs, (x) => jStat.normal.cdf(x, 0, 1))).toBeLessThan(CRITICAL);
    // Tail beyond the base layer (3.44): P = 5.8e-4 → ≈ 29 of 50,000 (Poisson sd 5.4; 5 sd).
    const tail = xs.filter((x) => Math.abs(x) > 3.442619855899).length;
    expect(Math.abs(tail - N * 2 * (1 - jStat.normal.cdf(3.442619855899, 0, 1)))).toBeLessThan(
      5 * Math.sqrt(29),
    );
  });

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

  it.each([
    [1, 1],
    [1, 7],
    [3, 1],
    [0.5, 0.5],
    [2, 30],
    [48, 7],
    [400, 600],
  ])("sampleBeta follows Beta(%d, %d)", (a, b) => {
    const rng = createStream(3, "beta", a, b);
    const xs = Array.from({ length: N }, () => sampleBeta(rng, a, b));
    expect(xs.every((x) => x >= 0 && x <= 1)).toBe(true);
    expect(ksDistance(xs, (x) => jStat.beta.cdf(x, a, b))).toBeLessThan(CRITICAL);
  });

  it.each([
    [0.5, 0.5],
    [0.3, 4],
    [2, 30],
    [48, 7],
  ])("sampleBetasPre (precomputed constants) follows Beta(%d, %d)", (a, b) => {
    const k = new Float64Array(2 * GAMMA_CONSTANTS);
    gammaConstants(a, k, 0);
    gammaConstants(b, k, GAMMA_CONSTANTS);
    const rng = createStream(4, "beta-pre", a, b);
    const one = new Int32Array([0]);
    const out = [0];
    const xs = Array.from({ length: N }, () => {
      sampleBetasPre(rng, k, one, 1, out);
      return out[0];
    });
    expect(ksDistance(xs, (x) => jStat.beta.cdf(x, a, b))).toBeLessThan(CRITICAL);
  });

  it("sampleBetasPre draws exactly the numbers of next() and gammaFromConstants, slow paths included", () => {
    // Shapes below 1 (the boost), near 1 (1 + c·z ≤ 0 happens) and large, with uniform
    // (Beta(1, 1)) posteriors between them; 10,000 rounds cross the ziggurat's wedges and
    // tail (≈ 1.2 % of normals) and squeeze rejections (≈ 8 % of gammas).
    const shapes = [
      [0.3, 4],
      [1.2, 1],
      [2, 30],
      [1000, 3000],
      [0.7, 0.9],
    ];
    const k = new Float64Array(shapes.length * 2 * GAMMA_CONSTANTS);
    shapes.forEach(([a, b], i) => {
      gammaConstants(a, k, i * 2 * GAMMA_CONSTANTS);
      gammaConstants(b, k, i * 2 * GAMMA_CONSTANTS + GAMMA_CONSTANTS);
    });
    const at = Int32Array.from([0, -1, 1, 2, -1, 3, 4], (i) =>
      i < 0 ? -1 : i * 2 * GAMMA_CONSTANTS,
    );
    const fused = createStream(5, "fused");
    const plain = createStream(5, "fused");
    const out = new Array<number>(at.length);
    for (let r = 0; r < 10_000; r++) {
      const bestI = sampleBetasPre(fused, k, at, at.length, out);
      const expected = Array.from(at, (o) => {
        if (o < 0) return plain.next();
        const x = gammaFromConstants(plain, k, o);
        const y = gammaFromConstants(plain, k, o + GAMMA_CONSTANTS);
        return x / (x + y);
      });
      expect(out).toEqual(expected);
      expect(bestI).toBe(expected.indexOf(Math.max(...expected)));
    }
    expect(fused.nextUint32()).toBe(plain.nextUint32());
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
