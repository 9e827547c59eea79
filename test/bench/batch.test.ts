import { describe, expect, it } from "vitest";
import { measureBatches } from "../../src/bench/batch.js";

describe("measureBatches", () => {
  it("reports throughput consistent with per-operation cost", async () => {
    let sink = 0;
    const m = await measureBatches(
      "sum",
      () => {
        for (let i = 0; i < 1000; i++) sink += i;
      },
      { batchSize: 1000, runs: 2, timeMs: 50, warmupMs: 10 },
    );
    expect(sink).toBeGreaterThan(0);
    expect(m.opsPerSecond.runs).toBe(2);
    expect(m.perOpNs.p50).toBeLessThanOrEqual(m.perOpNs.p99);
    // Each run's rate is batchSize / mean batch time, so 1e9 / rate lies within the per-op range.
    expect(1e9 / m.opsPerSecond.max).toBeLessThanOrEqual(m.perOpNs.p999 + 1e-9);
  });
});
