import jStat from "jstat";
import { describe, expect, it } from "vitest";
import { runSimulation } from "../../../src/sim/index.js";
import { ProbeRouter, uniformScenario } from "../helpers.js";

describe("hedged requests", () => {
  it("after the primary's observed p95 send ≈ 5 % extra requests", () => {
    const scenario = uniformScenario(2, {
      latencyMs: { type: "lognormal", median: 10, p99: 100 },
      relevance: { default: { type: "constant", value: 1 } },
    });
    const n = 100_000;
    const r = runSimulation({
      scenario,
      strategy: () => new ProbeRouter("b0"),
      pattern: "hedged:delay=p95",
      rounds: n,
      seed: 12,
    });
    const extra = r.totals.callsPerQuery - 1;
    // Each query is hedged iff its primary is slower than the running p95 estimate.
    // Tolerance: binomial 5·√(0.05·0.95/n) = 0.0034; the sketch's 1 % relative error moves
    // the probability by ≤ x·f(x)·1 % = φ(1.645)/σ·1 % ≈ 0.001 (σ = ln 10 / 2.326 ≈ 0.99);
    // the estimate's own noise, averaged over the run, by ≤ (1/n)Σ√(0.0475/m) ≈ 2√(0.0475/n)
    // = 0.0014. Total 0.006.
    expect(Math.abs(extra - 0.05)).toBeLessThan(0.006);
    // The backup cuts the tail. Model: with primary and backup i.i.d. lognormal (σ as above)
    // and the backup sent at q95, P(L > x) = P(X > x)·P(q95 + X > x); its 1 % point is ≈ 67 ms,
    // against 100 ms un-hedged. 10 % covers the sketch (1 %), the sampling error of a p99
    // from 1e5 queries (±0.0016 in probability, ≈ ±4 % in x here) and the learned q95.
    const sigma = Math.log(10) / 2.3263478740408408;
    const tail = (x: number) => 1 - jStat.normal.cdf(Math.log(x / 10) / sigma, 0, 1);
    const q95 = 10 * Math.exp(sigma * 1.6448536269514722);
    let lo = 10;
    let hi = 100;
    for (let i = 0; i < 100; i++) {
      const mid = (lo + hi) / 2;
      if (tail(mid) * (mid > q95 ? tail(mid - q95) : 1) > 0.01) lo = mid;
      else hi = mid;
    }
    expect(Math.abs(r.totals.latency.p99 / lo - 1)).toBeLessThan(0.1);
  });

  it("tied requests (delay 0, cancel) send two and cancel the loser", () => {
    const probe = new ProbeRouter("b0");
    const n = 5000;
    const r = runSimulation({
      scenario: uniformScenario(2, {
        latencyMs: { type: "exponential", mean: 10 },
        relevance: { default: { type: "constant", value: 1 } },
      }),
      strategy: () => probe,
      pattern: "hedged:delay=0,cancel=true",
      rounds: n,
      seed: 1,
    });
    expect(r.totals.callsPerQuery).toBe(2);
    expect(r.totals.cancelledPerQuery).toBe(1);
    expect(probe.cancels).toBe(n);
    expect(probe.records).toHaveLength(n);
    // min of two exponentials of mean 10 is exponential of mean 5: median m = 5·ln 2. The
    // sample median's sd is √(1/(4n))/f(m) with f(m) = e^(−m/5)/5 = 0.1: 0.0707 at n = 5000;
    // 5 sd plus the sketch's 1 % of m (0.035) gives 0.39. (Waiting for the primary alone would
    // give 10·ln 2 = 6.9.)
    const median = 5 * Math.LN2;
    const sd = Math.sqrt(1 / (4 * n)) / (Math.exp(-median / 5) / 5);
    expect(Math.abs(r.totals.latency.p50 - median)).toBeLessThan(5 * sd + 0.01 * median);
  });
});
