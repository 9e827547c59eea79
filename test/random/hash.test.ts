import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashKeys } from "../../src/random/hash.js";

const keys = fc.array(fc.oneof(fc.integer(), fc.double(), fc.string()), { maxLength: 5 });

describe("hashKeys", () => {
  it("is an unsigned 32-bit integer, the same for the same keys", () => {
    fc.assert(
      fc.property(keys, (k) => {
        const h = hashKeys(k);
        expect(Number.isInteger(h) && h >= 0 && h < 2 ** 32).toBe(true);
        expect(hashKeys([...k])).toBe(h);
      }),
    );
  });

  it("separates keys by type and by boundary: 1 ≠ '1', ['ab'] ≠ ['a', 'b']", () => {
    expect(hashKeys([1])).not.toBe(hashKeys(["1"]));
    expect(hashKeys(["ab"])).not.toBe(hashKeys(["a", "b"]));
    expect(hashKeys([1, 2])).not.toBe(hashKeys([2, 1]));
    expect(hashKeys([])).not.toBe(hashKeys([""]));
  });

  it("spreads nearby keys over the whole range (the finaliser's avalanche)", () => {
    // Keys [seed, 0, "x"] for seeds 0..n−1: a good mix puts their hashes' top 4 bits uniform
    // over 16 bins, n/16 = 1000 each, a multinomial count with sd √(n·(1/16)(15/16)) ≈ 30.6;
    // 5 sd each way. And each output bit is 1 half the time: Binomial(n, ½), sd 63; 5 sd.
    const n = 16_000;
    const bins = new Array<number>(16).fill(0);
    const ones = new Array<number>(32).fill(0);
    for (let seed = 0; seed < n; seed++) {
      const h = hashKeys([seed, 0, "x"]);
      bins[h >>> 28]++;
      for (let b = 0; b < 32; b++) ones[b] += (h >>> b) & 1;
    }
    const binSd = Math.sqrt(n * (1 / 16) * (15 / 16));
    for (const c of bins) expect(Math.abs(c - n / 16)).toBeLessThan(5 * binSd);
    for (const c of ones) expect(Math.abs(c - n / 2)).toBeLessThan(5 * Math.sqrt(n / 4));
  });
});
