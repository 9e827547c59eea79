import { describe, expect, it } from "vitest";
import { benchOpe, opeSection } from "../../src/bench/ope.js";

describe("benchOpe", () => {
  it("evaluates the generated trace correctly and prints a table", async () => {
    const r = await benchOpe({ rows: 20_000, runs: 1, seed: 3 });
    expect(r.rows).toBe(20_000);
    expect(r.budgetMs).toBeCloseTo(100, 9);
    expect(r.totalMs).toBeCloseTo(r.readMs + r.estimateMs, 6);
    // Each estimate lies within 4 standard errors (half-width / 1.96) of the generating
    // model's true value: a false failure has probability 6e-5 per estimator.
    for (const e of Object.values(r.estimates)) {
      const se = (e.hi - e.lo) / (2 * 1.959964);
      expect(Math.abs(e.value - r.truth)).toBeLessThan(4 * se);
    }
    const table = opeSection.table(r);
    expect(table[1][0]).toBe("20,000");
    expect(table[0]).toHaveLength(table[1].length);
  });
});
