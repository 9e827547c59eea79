import { describe, expect, it } from "vitest";
import { FEATURIZE_ROW, measureDecisionSpeed } from "../../src/bench/decision-speed.js";

// Checks the benchmark's shape and bookkeeping only; the speed figures are printed by the
// benchmark itself (a timed test would be flaky on a shared machine).
describe("measureDecisionSpeed", () => {
  it("measures each strategy and reports targets", async () => {
    const r = await measureDecisionSpeed({
      strategies: ["rule-based", "thompson"],
      batchSize: 500,
      runs: 1,
      timeMs: 20,
      warmupMs: 5,
      pretrainOutcomes: 100,
      growthCheckOutcomes: 200,
    });
    expect(r.rows.map((x) => [x.strategy, x.outcomesRecorded])).toEqual([
      ["rule-based", 0],
      ["thompson", 100],
      ["thompson", 200],
      [FEATURIZE_ROW, 0],
    ]);
    for (const row of r.rows) {
      expect(Number.isFinite(row.decisionsPerSecond.median)).toBe(true);
      expect(row.target).toBeGreaterThan(0);
      expect(row.meetsTarget).toBe(row.decisionsPerSecond.median >= (row.target ?? 0));
    }
    expect(r.queries).toBeGreaterThanOrEqual(300);
    expect(Object.values(r.typeMix).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    const without = await measureDecisionSpeed({
      strategies: ["linucb"],
      featurize: false,
      batchSize: 200,
      runs: 1,
      timeMs: 10,
      warmupMs: 2,
      pretrainOutcomes: 50,
    });
    expect(without.rows.map((x) => [x.strategy, x.outcomesRecorded, x.target])).toEqual([
      ["linucb", 50, 100_000],
    ]);
  });
});
