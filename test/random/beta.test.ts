import jStat from "jstat";
import { describe, expect, it } from "vitest";
import {
  createStream,
  GAMMA_CONSTANTS,
  gammaConstants,
  gammaFromConstants,
  sampleBeta,
  sampleBetasPre,
} from "../../src/random/index.js";
import { ksCritical, ksDistance } from "../support/ks-distance.js";

const N = 50_000;
const CRITICAL = ksCritical(N);

describe("sampleBeta and sampleBetasPre", () => {
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
});
