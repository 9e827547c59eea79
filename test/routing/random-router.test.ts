import { describe, expect, it } from "vitest";
import { RandomRouter } from "../../src/routing/random-router.js";

describe("RandomRouter", () => {
  it("random is uniform over the available backends", () => {
    // Each of 4 backends: Binomial(40,000, 1/4), sd 86.6; within 5 sd.
    const r = new RandomRouter({ seed: 12 });
    const available = ["a", "b", "c", "d"];
    const counts: Record<string, number> = { a: 0, b: 0, c: 0, d: 0 };
    for (let i = 0; i < 40_000; i++) counts[r.select({}, { available }).backend]++;
    for (const k of available) expect(Math.abs(counts[k] - 10_000)).toBeLessThan(5 * 86.6);
  });
});
