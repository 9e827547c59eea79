import { describe, expect, it } from "vitest";
import { formatEstimate } from "../../src/format/estimate.js";

describe("formatEstimate", () => {
  const f = (x: number) => x.toFixed(1);

  it("writes mean [lo, hi] with the given number format", () => {
    expect(formatEstimate({ mean: 2, lo: 1, hi: 3 }, f)).toBe("2.0 [1.0, 3.0]");
  });

  it("writes the mean alone when there is no interval (null, NaN or infinite ends)", () => {
    expect(formatEstimate({ mean: 2, lo: null, hi: null }, f)).toBe("2.0");
    expect(formatEstimate({ mean: 2, lo: Number.NaN, hi: Number.NaN }, f)).toBe("2.0");
    expect(formatEstimate({ mean: 2, lo: 1, hi: null }, f)).toBe("2.0");
    expect(formatEstimate({ mean: 2, lo: Number.NEGATIVE_INFINITY, hi: 3 }, f)).toBe("2.0");
  });
});
