import { describe, expect, it } from "vitest";
import { measureBatches, measureTimer } from "../../src/bench/index.js";

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

  it("measures a finite timer resolution", () => {
    const t = measureTimer(10_000);
    // hrtime.bigint() steps by whole nanoseconds, so a resolution that was actually seen is an
    // integer ≥ 1; Infinity would mean all 10,000 reads were equal (no step observed).
    expect(Number.isInteger(t.resolutionNs)).toBe(true);
    expect(t.resolutionNs).toBeGreaterThanOrEqual(1);
    // The mean read cost spans at least one observed step: total ≥ resolution.
    expect(Number.isFinite(t.readCostNs)).toBe(true);
    expect(t.readCostNs * (10_000 - 1)).toBeGreaterThanOrEqual(t.resolutionNs);
  });
});
