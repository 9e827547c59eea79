import fc from "fast-check";
import jStat from "jstat";
import { describe, expect, it } from "vitest";
import { formatPatternSpec, type PatternSpec, parsePatternSpec } from "../../src/patterns/index.js";
import { runSimulation, type Scenario } from "../../src/sim/index.js";
import { ProbeRouter, uniformScenario } from "./helpers.js";

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

describe("parallel fan-out, wait for all", () => {
  // With N backends each slow with probability p independently, a query waiting for all N
  // is slow with probability 1 − (1 − p)^N (The Tail at Scale: 1 % and N = 100 give 63 %).
  const p = 0.01;
  for (const [N, n] of [
    [1, 50_000],
    [5, 50_000],
    [100, 4_000],
  ]) {
    it(`of ${N} gives the slow fraction 1 − (1 − p)^${N}`, () => {
      const scenario = uniformScenario(N, {
        latencyMs: {
          type: "mixture",
          components: [
            { weight: 1 - p, distribution: { type: "constant", value: 10 } },
            { weight: p, distribution: { type: "constant", value: 1000 } },
          ],
        },
        relevance: { default: { type: "constant", value: 1 } },
      });
      const r = runSimulation({
        scenario,
        strategy: "random",
        pattern: "parallel",
        rounds: n,
        seed: N,
      });
      expect(r.totals.callsPerQuery).toBe(N);
      const slow = 1 - r.totals.sloAttainment; // SLO 500 ms: slow queries miss it
      const expected = 1 - (1 - p) ** N;
      // Binomial over n queries; 5 sd.
      expect(Math.abs(slow - expected)).toBeLessThan(
        5 * Math.sqrt((expected * (1 - expected)) / n) + 1 / n,
      );
    });
  }
});

describe("recursive and chain", () => {
  const backend = (p: number): Scenario["backends"][string] => ({
    latencyMs: { type: "constant", value: 10 },
    relevance: { default: { type: "bernoulli", p } },
  });
  const scenario: Scenario = {
    ...uniformScenario(1, backend(0.5)),
    backends: { a: backend(0.5), b: backend(0.5), c: backend(0.5) },
  };

  it("recursive re-routes while relevance is below the threshold, up to maxIterations", () => {
    const n = 40_000;
    const r = runSimulation({
      scenario,
      strategy: () => new ProbeRouter("a"),
      pattern: "recursive:maxIterations=3",
      rounds: n,
      seed: 2,
    });
    // Attempts until the first success, capped at 3: E = 1 + ½ + ¼ = 1.75 calls; success
    // 1 − ⅛. Binomial-style 5 sd bounds (the calls' sd per query is < 1).
    expect(Math.abs(r.totals.callsPerQuery - 1.75)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(r.totals.successRate - 0.875)).toBeLessThan(5 * Math.sqrt((0.875 * 0.125) / n));
    expect(r.totals.latency.max).toBeCloseTo(30, 0);
  });

  it("chain calls every stage in sequence", () => {
    const r = runSimulation({
      scenario,
      strategy: () => new ProbeRouter("a"),
      pattern: "chain:stages=3",
      rounds: 1000,
      seed: 2,
    });
    expect(r.totals.callsPerQuery).toBe(3);
    expect(r.totals.latency.p50).toBeCloseTo(30, 0);
  });
});

describe("every pattern", () => {
  const patterns = fc.oneof(
    fc.constant<PatternSpec>({ name: "feed-forward" }),
    fc.record({
      name: fc.constant("recursive" as const),
      maxIterations: fc.integer({ min: 1, max: 5 }),
    }),
    fc.record({
      name: fc.constant("parallel" as const),
      fanout: fc.integer({ min: 1, max: 4 }),
      rule: fc.constantFrom("all" as const, "first-k" as const, "deadline" as const),
      k: fc.integer({ min: 1, max: 3 }),
      deadlineMs: fc.integer({ min: 1, max: 200 }),
      cancel: fc.boolean(),
    }),
    fc.record({ name: fc.constant("chain" as const), stages: fc.integer({ min: 1, max: 4 }) }),
    fc.record({
      name: fc.constant("hedged" as const),
      delay: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constantFrom("p50", "p90", "p99")),
      backup: fc.constantFrom("alternative" as const, "same" as const),
      cancel: fc.boolean(),
    }),
  );
  const scenario: Scenario = {
    name: "mixed",
    backends: {
      fast: {
        latencyMs: { type: "lognormal", median: 5, p99: 50 },
        relevance: { default: { type: "beta", alpha: 6, beta: 2 } },
        failureProbability: 0.05,
        timeoutMs: 80,
        capacity: { concurrency: 4 },
        windows: [{ kind: "outage", startMs: 200, endMs: 400, mode: "hidden" }],
      },
      slow: {
        latencyMs: { type: "pareto", scale: 10, shape: 1.2 },
        relevance: { default: { type: "bernoulli", p: 0.7 } },
        timeoutMs: 150,
        windows: [{ kind: "outage", startMs: 100, endMs: 300, mode: "timeout" }],
      },
      cache: {
        latencyMs: { type: "constant", value: 1 },
        relevance: { default: { type: "constant", value: 0.3 } },
        windows: [
          {
            kind: "degradation",
            startMs: 0,
            endMs: 500,
            latencyFactor: 3,
            failureProbability: 0.2,
          },
        ],
      },
    },
    workload: { mix: { a: 1, b: 2 }, arrivals: { type: "poisson", qps: 500 } },
    slo: { latencyMs: 60, minRelevance: 0.6 },
  };

  it("keeps its books: every dispatch ends in one outcome or one cancel; rates are consistent", () => {
    fc.assert(
      fc.property(patterns, fc.integer({ min: 0, max: 1000 }), (pattern, seed) => {
        const probe = new ProbeRouter();
        const rounds = 400;
        const r = runSimulation({ scenario, strategy: () => probe, pattern, rounds, seed });
        const t = r.totals;
        expect(t.queries).toBe(rounds);
        expect(probe.selects).toHaveLength(rounds);
        expect(probe.dispatches).toBe(probe.records.length + probe.cancels);
        expect(t.callsPerQuery * rounds).toBeCloseTo(probe.dispatches, 6);
        expect(t.cancelledPerQuery * rounds).toBeCloseTo(probe.cancels, 6);
        expect(t.callsPerQuery).toBeGreaterThanOrEqual(1);
        expect(t.sloAttainment).toBeLessThanOrEqual(t.successRate);
        expect(t.latency.min).toBeGreaterThanOrEqual(0);
        for (const o of probe.records) {
          expect(o.relevance).toBeGreaterThanOrEqual(0);
          expect(o.relevance).toBeLessThanOrEqual(1);
          expect(o.latencyMs).toBeLessThanOrEqual(150);
        }
        const shares = Object.values(t.trafficShare).reduce((a, b) => a + b, 0);
        expect(shares).toBeCloseTo(1, 9);
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it("round-trips through the compact text form", () => {
    fc.assert(
      fc.property(patterns, (spec) => {
        expect(parsePatternSpec(formatPatternSpec(spec))).toEqual(spec);
      }),
      { seed: 3 },
    );
  });

  it("rejects unknown patterns and options by name", () => {
    expect(() => parsePatternSpec("fanout")).toThrow(/unknown pattern "fanout"/);
    expect(() => parsePatternSpec("hedged:delay=soon")).toThrow(/delay/);
    expect(() => parsePatternSpec("chain:depth=2")).toThrow(/no option "depth"/);
  });
});
