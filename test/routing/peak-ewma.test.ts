import { describe, expect, it } from "vitest";
import { PeakEwmaRouter } from "../../src/routing/index.js";

describe("PeakEwmaRouter", () => {
  it("moves traffic away from a backend whose latency jumps", () => {
    // Three backends at 50 ms. At t = 60 s backend "a" jumps to 500 ms. A request arrives
    // every 10 ms and completes after its latency. Before the jump costs are equal and P2C
    // shares traffic about evenly. After, "a"'s EWMA jumps to 500 (peak), so its cost stays
    // above the others' (≈ 50 × (in flight + 1) ≤ 150 with ≤ 2 in flight each) until idle
    // decay brings it down. A bound on "a"'s requests in the 10 s after the jump: (1) until
    // its first 500 ms answer, every request sent to it is still in flight and its EWMA is
    // still 50 (decayed by < 10 %: its last answer is < 1 s old), while the other drawn backend
    // costs ≤ 50·(4 + 1) (a 50 ms request sent every 10 ms: at most 4 in flight), so P2C sends
    // to "a" only while it has ≤ 4 in flight: at most 5 requests. (2) From then on its EWMA is
    // 500 and its cost 500·e^(−Δt/τ)·(in flight + 1) stays above 250 until Δt > τ ln 2 = 6.9 s
    // after its last answer (≥ 60.5 s); one request then doubles its cost, and that answer
    // (0.5 s later) restarts the decay, leaving no time for another before 70 s. So ≤ 6.
    const r = new PeakEwmaRouter({ seed: 15, decayMs: 10_000 });
    const available = ["a", "b", "c"];
    const latency = (b: string, t: number) => (b === "a" && t >= 60_000 ? 500 : 50);
    const pending: { done: number; d: ReturnType<typeof r.select>; lat: number }[] = [];
    const before: Record<string, number> = { a: 0, b: 0, c: 0 };
    const after: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let t = 0; t < 70_000; t += 10) {
      pending.sort((x, y) => x.done - y.done);
      while (pending.length > 0 && pending[0].done <= t) {
        const p = pending.shift()!;
        r.record({ decision: p.d, relevance: 1, latencyMs: p.lat, now: p.done });
      }
      const d = r.select({}, { available, now: t });
      r.onDispatch(d.backend, t);
      const lat = latency(d.backend, t);
      pending.push({ done: t + lat, d, lat });
      if (t >= 50_000 && t < 60_000) before[d.backend]++;
      if (t >= 60_000) after[d.backend]++;
    }
    // Before: 1000 decisions, "a" about a third (binomial sd ≈ 15; 5 sd either way).
    expect(Math.abs(before.a - 333)).toBeLessThan(75);
    expect(after.a).toBeLessThanOrEqual(6);
    expect(r.loads(70_000).a.ewmaMs).toBe(500);
  });

  it("validates its options", () => {
    expect(() => new PeakEwmaRouter({ decayMs: 0 })).toThrow(/decayMs/);
    expect(() => new PeakEwmaRouter({ choices: "three" as "all" })).toThrow(/choices/);
  });
});
