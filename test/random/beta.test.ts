import jStat from "jstat";
import { describe, expect, it } from "vitest";
import {
  BetaRound,
  createStream,
  GAMMA_CONSTANTS,
  gammaConstants,
  sampleBeta,
} from "../../src/random/index.js";
import { ksCritical, ksDistance } from "../support/ks-distance.js";

const N = 50_000;
const CRITICAL = ksCritical(N);

describe("sampleBeta and BetaRound", () => {
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
  ])("BetaRound follows Beta(%d, %d)", (a, b) => {
    const round = new BetaRound();
    round.reserve(2 * GAMMA_CONSTANTS, 1);
    gammaConstants(a, round.constants, 0);
    gammaConstants(b, round.constants, GAMMA_CONSTANTS);
    round.offsets[0] = 0;
    const rng = createStream(4, "beta-pre", a, b);
    const out = [0];
    const xs = Array.from({ length: N }, () => {
      round.draw(rng, 1, out);
      return out[0];
    });
    expect(ksDistance(xs, (x) => jStat.beta.cdf(x, a, b))).toBeLessThan(CRITICAL);
  });
  it("BetaRound draws exactly the numbers of sampleBeta, rare paths included", () => {
    // Shapes below 1 (the boost), near 1 (1 + c·z ≤ 0 happens) and large, with uniform
    // (Beta(1, 1)) posteriors between them; 10,000 rounds cross the ziggurat's wedges and
    // tail (≈ 1.2 % of normals) and squeeze rejections (≈ 8 % of gammas).
    const shapes: [number, number][] = [
      [0.3, 4],
      [1.2, 1],
      [2, 30],
      [1000, 3000],
      [0.7, 0.9],
    ];
    const order = [0, -1, 1, 2, -1, 3, 4];
    const round = new BetaRound();
    round.reserve(shapes.length * 2 * GAMMA_CONSTANTS, order.length);
    shapes.forEach(([a, b], i) => {
      gammaConstants(a, round.constants, i * 2 * GAMMA_CONSTANTS);
      gammaConstants(b, round.constants, i * 2 * GAMMA_CONSTANTS + GAMMA_CONSTANTS);
    });
    round.offsets.set(order.map((i) => (i < 0 ? -1 : i * 2 * GAMMA_CONSTANTS)));
    const fused = createStream(5, "fused");
    const plain = createStream(5, "fused");
    const out = new Array<number>(order.length);
    for (let r = 0; r < 10_000; r++) {
      const bestI = round.draw(fused, order.length, out);
      const expected = order.map((i) => (i < 0 ? plain.next() : sampleBeta(plain, ...shapes[i])));
      expect(out).toEqual(expected);
      expect(bestI).toBe(expected.indexOf(Math.max(...expected)));
    }
    expect(fused.nextUint32()).toBe(plain.nextUint32());
  });
  it("keeps its constants and draws the same numbers when it grows, and refuses an unreserved round", () => {
    const round = new BetaRound();
    round.reserve(2 * GAMMA_CONSTANTS, 1);
    gammaConstants(3, round.constants, 0);
    gammaConstants(5, round.constants, GAMMA_CONSTANTS);
    const kept = Array.from(round.constants);
    const a = createStream(8, "grown");
    const b = createStream(8, "grown");
    const out = [0, 0, 0];
    round.offsets[0] = 0;
    round.draw(a, 1, out); // now it owns the memory
    expect(out[0]).toBe(sampleBeta(b, 3, 5));
    // 20,000 posteriors' constants take more than the first 64 KiB page: the memory grows.
    round.reserve(20_000 * 2 * GAMMA_CONSTANTS, 3);
    expect(Array.from(round.constants.subarray(0, kept.length))).toEqual(kept);
    round.offsets.set([0, -1, 0]);
    round.draw(a, 3, out);
    expect(out).toEqual([sampleBeta(b, 3, 5), b.next(), sampleBeta(b, 3, 5)]);
    expect(() => round.draw(a, 4, [0, 0, 0, 0])).toThrow(/room for 3/);
  });
  it("rounds that take turns draw what each would alone, and any number of them can exist", () => {
    // The thread's one memory holds the arrays of the round that drew last; a round drawing
    // after another copies its arrays in and the other's out.
    const shapes: [number, number][] = [
      [2, 9],
      [40, 3],
    ];
    const rounds = shapes.map(([a, b]) => {
      const round = new BetaRound();
      round.reserve(2 * GAMMA_CONSTANTS, 2);
      gammaConstants(a, round.constants, 0);
      gammaConstants(b, round.constants, GAMMA_CONSTANTS);
      round.offsets.set([0, -1]);
      return round;
    });
    const streams = shapes.map((_, i) => createStream(9, "turns", i));
    const plain = shapes.map((_, i) => createStream(9, "turns", i));
    const out = [0, 0];
    let alpha0 = shapes[0][0];
    for (let r = 0; r < 200; r++) {
      const i = r % 2;
      const [a, b] = i === 0 ? [alpha0, shapes[0][1]] : shapes[i];
      rounds[i].draw(streams[i], 2, out);
      expect(out).toEqual([sampleBeta(plain[i], a, b), plain[i].next()]);
      // Constants changed while their round owns the memory (r = 100) or not (r = 150) travel
      // with it.
      if (r === 100 || r === 151) {
        alpha0 = r === 100 ? 7 : 0.6;
        gammaConstants(alpha0, rounds[0].constants, 0);
      }
    }
    // Each would reserve gigabytes of address space with a memory of its own.
    const many = Array.from({ length: 20_000 }, () => new BetaRound());
    many[19_999].reserve(2 * GAMMA_CONSTANTS, 1);
    many[19_999].offsets[0] = -1;
    expect(many[19_999].draw(createStream(1, "many"), 1, out)).toBe(0);
  });
});
