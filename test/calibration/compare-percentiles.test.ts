import { describe, expect, it } from "vitest";
import { comparePercentiles } from "../../src/calibration/compare-percentiles.js";
import type { TraceRow } from "../../src/traces/trace-row.js";

const rows = (backend: string, latencies: number[]): TraceRow[] =>
  latencies.map((latencyMs) => ({ backend, latencyMs }));
const range = (n: number, step = 1) => Array.from({ length: n }, (_, i) => (i + 1) * step);

describe("comparePercentiles", () => {
  it("compares each backend's interpolated percentiles: a trace twice as slow is +100 %", () => {
    // 1..101 has p50 = 51 and p90 = 91 (interpolated, (n − 1)·p = 50 and 90 exactly); the
    // simulated 2..202 is the same times 2.
    const observed = [...rows("a", range(101)), ...rows("b", range(101))];
    const simulated = [...rows("b", range(101)), ...rows("a", range(101, 2))];
    const out = comparePercentiles(observed, simulated, { percentiles: [50, 90] });
    expect(out).toEqual([
      { backend: "a", percentile: 50, observed: 51, simulated: 102, relativeError: 1 },
      { backend: "a", percentile: 90, observed: 91, simulated: 182, relativeError: 1 },
      { backend: "b", percentile: 50, observed: 51, simulated: 51, relativeError: 0 },
      { backend: "b", percentile: 90, observed: 91, simulated: 91, relativeError: 0 },
    ]);
  });

  it("ignores row order, skips backends missing from either trace, and defaults to p50–p99", () => {
    const observed = [...rows("a", range(100).reverse()), ...rows("only-observed", [1])];
    const simulated = [...rows("a", range(100)), ...rows("only-simulated", [1])];
    const out = comparePercentiles(observed, simulated);
    expect(out.map((r) => `${r.backend}@${r.percentile}`)).toEqual([
      "a@50",
      "a@90",
      "a@95",
      "a@99",
    ]);
    for (const r of out) expect(r.relativeError).toBe(0);
  });
});
