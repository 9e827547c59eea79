import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { measureBatches, measureTimer, quantileSorted, spreadOf } from "../../src/bench/index.js";

describe("spreadOf", () => {
  it("gives the median, extremes and MAD", () => {
    expect(spreadOf([5, 1, 3, 100, 4])).toEqual({ median: 4, min: 1, max: 100, mad: 1, runs: 5 });
  });

  it("keeps the median between min and max", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: -1e9, max: 1e9 }), { minLength: 1 }),
        (xs) => {
          const s = spreadOf(xs);
          expect(s.min).toBeLessThanOrEqual(s.median);
          expect(s.median).toBeLessThanOrEqual(s.max);
          expect(s.mad).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it("interpolates quantiles", () => {
    expect(quantileSorted([0, 10], 0.25)).toBe(2.5);
  });
});

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
