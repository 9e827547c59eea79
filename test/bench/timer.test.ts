import { describe, expect, it } from "vitest";
import { measureTimer } from "../../src/bench/timer.js";

describe("measureTimer", () => {
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
