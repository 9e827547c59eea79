import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type RequestStatus, SeriesStats } from "../../src/profiling/series-stats.js";

/** One request: latency, how it ended, whether it succeeded, its relevance. */
const request = fc.record({
  latencyMs: fc.double({ min: 0.01, max: 1e4, noNaN: true }),
  status: fc.constantFrom<RequestStatus | undefined>("ok", "error", "timeout", undefined),
  success: fc.constantFrom<boolean | undefined>(true, false, undefined),
  relevance: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
});
type Request = typeof request extends fc.Arbitrary<infer R> ? R : never;

function stats(requests: readonly Request[]): SeriesStats {
  const s = new SeriesStats();
  for (const r of requests) s.addOutcome(r.latencyMs, r.status, r.success, r.relevance);
  return s;
}

describe("SeriesStats", () => {
  it("counts outcomes and rates: errors and timeouts per request, successes per known", () => {
    fc.assert(
      fc.property(fc.array(request, { minLength: 1, maxLength: 60 }), (rs) => {
        const s = stats(rs).summary();
        const n = rs.length;
        const count = (f: (r: Request) => boolean) => rs.filter(f).length;
        expect(s.count).toBe(n);
        expect(s.errors).toBe(count((r) => r.status === "error"));
        expect(s.timeouts).toBe(count((r) => r.status === "timeout"));
        expect(s.errorRate).toBeCloseTo(s.errors / n, 12);
        expect(s.timeoutRate).toBeCloseTo(s.timeouts / n, 12);
        const known = count((r) => r.success !== undefined);
        if (known === 0) expect(s.successRate).toBeNaN();
        else expect(s.successRate).toBeCloseTo(count((r) => r.success === true) / known, 12);
        const rel = rs.flatMap((r) => (r.relevance === undefined ? [] : [r.relevance]));
        if (rel.length === 0) expect(s.meanRelevance).toBeNaN();
        else expect(s.meanRelevance).toBeCloseTo(rel.reduce((a, b) => a + b, 0) / rel.length, 12);
      }),
    );
  });

  it("merges like one series of both parts, and round-trips through JSON", () => {
    // Sums are added in another order when merged, so they agree to rounding (relative 1e-12);
    // counts, bins, min and max agree exactly.
    const exactParts = (s: SeriesStats) => {
      const { sketch, relevanceSum: _, ...counts } = s.toJSON();
      const { sum: __, ...bins } = sketch;
      return { bins, counts };
    };
    const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * (1 + Math.abs(b));
    fc.assert(
      fc.property(
        fc.array(request, { maxLength: 40 }),
        fc.array(request, { maxLength: 40 }),
        (a, b) => {
          const merged = stats(a).merge(stats(b));
          const whole = stats([...a, ...b]);
          expect(exactParts(merged)).toEqual(exactParts(whole));
          expect(close(merged.sketch.toJSON().sum, whole.sketch.toJSON().sum)).toBe(true);
          expect(close(merged.relevanceSum, whole.relevanceSum)).toBe(true);
          const back = SeriesStats.fromJSON(JSON.parse(JSON.stringify(whole.toJSON())));
          expect(back.toJSON()).toEqual(whole.toJSON());
        },
      ),
    );
  });

  it("has NaN rates when empty, and refuses malformed JSON by field", () => {
    const empty = new SeriesStats().summary();
    expect(empty.errorRate).toBeNaN();
    expect(empty.successRate).toBeNaN();
    const json = stats([{ latencyMs: 5, status: "error", success: false, relevance: 0 }]).toJSON();
    expect(() => SeriesStats.fromJSON({ ...json, errors: -1 })).toThrow(/errors must be/);
    expect(() => SeriesStats.fromJSON(null as never)).toThrow(/not an object/);
  });
});
