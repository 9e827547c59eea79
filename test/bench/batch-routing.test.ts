import { describe, expect, it } from "vitest";
import { batchRoutingTable, measureBatchRouting } from "../../src/bench/batch-routing.js";

describe("batch routing measurement", () => {
  it("has one row per strategy and size, one-at-a-time rates, the fixed cost and ratios", async () => {
    const r = await measureBatchRouting({
      strategies: ["rule-based", "thompson"],
      batchSizes: [1, 100],
      runs: 1,
      timeMs: 5,
    });
    expect(r.rows.map((x) => `${x.strategy}:${x.batchSize}`)).toEqual([
      "rule-based:1",
      "rule-based:100",
      "thompson:1",
      "thompson:100",
    ]);
    expect(r.oneAtATime.map((x) => x.strategy)).toEqual(["rule-based", "thompson"]);
    for (const x of [...r.rows, ...r.oneAtATime]) {
      const d = x.decisionsPerSecond;
      expect(d.min).toBeLessThanOrEqual(d.median);
      expect(d.median).toBeLessThanOrEqual(d.max);
      expect(d.min).toBeGreaterThan(0);
    }
    expect(r.fixedCostPerCallNs).toBeGreaterThanOrEqual(0);
    expect(r.bestRatio.thompson).toBeCloseTo(
      r.rows[3].decisionsPerSecond.median / r.oneAtATime[1].decisionsPerSecond.median,
      12,
    );
    expect(batchRoutingTable(r)).toHaveLength(1 + 2 + 4 + 1);
  });
});
