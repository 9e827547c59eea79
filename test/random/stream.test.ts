import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createStream, hashKeys } from "../../src/random/index.js";

describe("RandomStream", () => {
  it("gives the same draws for the same keys", () => {
    fc.assert(
      fc.property(fc.integer(), fc.string(), (seed, purpose) => {
        const a = createStream(seed, purpose);
        const b = createStream(seed, purpose);
        for (let i = 0; i < 20; i++) expect(a.next()).toBe(b.next());
      }),
    );
  });

  it("gives different streams for different purposes", () => {
    const a = createStream(1, "arrivals");
    const b = createStream(1, "latency");
    const same = Array.from({ length: 100 }, () => a.next() === b.next()).filter(Boolean).length;
    expect(same).toBe(0);
  });

  it("separates keys: ['ab'] differs from ['a', 'b']", () => {
    expect(hashKeys(["ab"])).not.toBe(hashKeys(["a", "b"]));
    expect(hashKeys([1, 2])).not.toBe(hashKeys([12]));
  });

  it("draws in [0, 1) with a uniform mean and variance", () => {
    // n = 1e5 draws of U(0,1): mean 1/2, sd of the mean sqrt(1/12/n) ≈ 9.1e-4; 5 sd ≈ 4.6e-3.
    const rng = createStream(7, "uniform");
    const n = 100_000;
    let sum = 0;
    let sumSq = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      min = Math.min(min, u);
      max = Math.max(max, u);
      sum += u;
      sumSq += u * u;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    const mean = sum / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    // Var(U) = 1/12; its estimate has sd ≈ sqrt(1/180/n) ≈ 2.4e-4.
    expect(Math.abs(sumSq / n - mean * mean - 1 / 12)).toBeLessThan(5 * Math.sqrt(1 / 180 / n));
  });

  it("serves d3-random samplers through .source", async () => {
    const { randomNormal } = await import("d3-random");
    const a = randomNormal.source(createStream(3, "n").source)(0, 1);
    const b = randomNormal.source(createStream(3, "n").source)(0, 1);
    expect(a()).toBe(b());
  });
});
