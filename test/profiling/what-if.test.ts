import { describe, expect, it } from "vitest";
import { analyzeProfile, RoutingProfiler, whatIf, whatIfAll } from "../../src/profiling/index.js";
import { parseScenario, runSimulation, type Scenario } from "../../src/sim/index.js";

/**
 * Three interchangeable backends whose latency is 95 % lognormal (median 20 ms, p99 40 ms) and
 * 5 % a slow exponential (100 ms + mean 400 ms): single-call p99 ≈ 100 + 400·ln(5) ≈ 740 ms,
 * far over the 200 ms SLO, while the p95 sits at the edge of the fast mode (≈ 40–100 ms).
 * A backup request after the p95 is slow only with probability 0.05, so the hedged p99 is
 * about the fast mode's tail plus the delay — the Tail-at-Scale effect the test checks.
 */
function scenario(overrides: Partial<Record<string, { median: number }>> = {}): Scenario {
  const backend = (name: string) => ({
    latencyMs: {
      type: "mixture",
      components: [
        {
          weight: 0.95,
          distribution: {
            type: "lognormal",
            median: overrides[name]?.median ?? 20,
            p99: (overrides[name]?.median ?? 20) * 2,
          },
        },
        { weight: 0.05, distribution: { type: "exponential", mean: 400, shift: 100 } },
      ],
    },
    relevance: { default: { type: "beta", mean: 0.9, concentration: 20 } },
  });
  return parseScenario(
    {
      name: "what-if-test",
      backends: { a: backend("a"), b: backend("b"), c: backend("c") },
      workload: { mix: { similarity: 1 }, arrivals: { type: "poisson", qps: 100 } },
      slo: { latencyMs: 200, minRelevance: 0.5 },
    },
    "what-if-test",
  );
}

const relevance = { default: { type: "beta", mean: 0.9, concentration: 20 } };

function analyse(s: Scenario, strategy: string) {
  const r = runSimulation({ scenario: s, strategy, rounds: 20_000, seed: 7, profile: true });
  const profiler = RoutingProfiler.fromJSON(r.profile!);
  return analyzeProfile(profiler.report(), {
    sloMs: s.slo.latencyMs,
    recommend: { currentStrategy: strategy },
  });
}

describe("what-if re-simulation", () => {
  it("hedging after the p95, recommended for a heavy tail, lowers the p99 it claims to", () => {
    const s = scenario();
    const a = analyse(s, "round-robin");
    const hedge = a.recommendations.find((r) => r.action?.kind === "hedge");
    expect(hedge, a.findings.map((f) => f.id).join()).toBeDefined();
    const [outcome] = whatIfAll([hedge!], {
      scenario: s,
      strategy: "round-robin",
      rounds: 20_000,
      seed: 7,
    });
    expect(outcome.claim).toEqual({ metric: "p99", better: "lower" });
    expect(outcome.improved).toBe(true);
    // The improvement is large, not marginal: p99 at least halves (≈ 740 → well under 300 ms).
    expect(outcome.after.p99).toBeLessThan(outcome.before.p99 / 2);
    // Cost: a backup for the ≈ 5 % of calls slower than the p95 (plus cancelled losers).
    expect(outcome.after.callsPerQuery).toBeGreaterThan(outcome.before.callsPerQuery);
    expect(outcome.after.callsPerQuery).toBeLessThan(outcome.before.callsPerQuery * 1.15);
    expect(outcome.summary).toMatch(
      /^hedge after .* ms: p99 .* → .* ms, SLO attainment .* % → .* %, \+\d+\.\d % backend calls$/,
    );
  });

  it("moving traffic off a degraded backend lowers the p99", () => {
    // a is degraded (median 250 ms, p99 500 ms) and b, c are fast with no slow mode: a holds
    // a third of the traffic, so the end-to-end p99 is a's; without a, it is b's and c's
    // (p99 40 ms).
    const fast = { latencyMs: { type: "lognormal", median: 20, p99: 40 }, relevance };
    const s = parseScenario(
      {
        name: "degraded",
        backends: {
          a: { latencyMs: { type: "lognormal", median: 250, p99: 500 }, relevance },
          b: fast,
          c: fast,
        },
        workload: { mix: { similarity: 1 }, arrivals: { type: "poisson", qps: 100 } },
        slo: { latencyMs: 200, minRelevance: 0.5 },
      },
      "degraded",
    );
    const a = analyse(s, "round-robin");
    const shift = a.recommendations.find((r) => r.id === "shift-traffic:a");
    expect(shift, a.findings.map((f) => f.id).join()).toBeDefined();
    const [outcome] = whatIfAll([shift!], {
      scenario: s,
      strategy: "round-robin",
      rounds: 20_000,
      seed: 7,
    });
    expect(outcome.claim.metric).toBe("p99");
    expect(outcome.improved).toBe(true);
    expect(outcome.after.p99).toBeLessThan(60);
    expect(outcome.after.peakToFair).toBe(1.5); // a's third moves to b and c
  });

  it("switching a pinned strategy to a load-aware one lowers the load imbalance", () => {
    const s = scenario();
    const a = analyse(s, "always:a");
    const sw = a.recommendations.find((r) => r.action?.kind === "switch-strategy");
    expect(sw, a.findings.map((f) => f.id).join()).toBeDefined();
    const [outcome] = whatIfAll([sw!], {
      scenario: s,
      strategy: "always:a",
      rounds: 20_000,
      seed: 7,
    });
    expect(outcome.claim).toEqual({ metric: "peakToFair", better: "lower" });
    // always:a sends everything to one of three backends: peak/fair = 3 exactly.
    expect(outcome.before.peakToFair).toBe(3);
    expect(outcome.improved).toBe(true);
  });

  it("flags the trade-off when a latency win costs relevance", () => {
    // b and c are fast but irrelevant (mean relevance 0.3 < the 0.5 SLO minimum): moving
    // traffic off a cuts the p99 and most of the SLO attainment with it.
    const poor = {
      latencyMs: { type: "lognormal", median: 20, p99: 40 },
      relevance: { default: { type: "beta", mean: 0.3, concentration: 20 } },
    };
    const s = parseScenario(
      {
        name: "trade-off",
        backends: {
          a: { latencyMs: { type: "lognormal", median: 250, p99: 500 }, relevance },
          b: poor,
          c: poor,
        },
        workload: { mix: { similarity: 1 }, arrivals: { type: "poisson", qps: 100 } },
        slo: { latencyMs: 1000, minRelevance: 0.5 },
      },
      "trade-off",
    );
    const o = whatIf({
      scenario: s,
      strategy: "round-robin",
      rounds: 5000,
      seed: 7,
      action: { kind: "shift-traffic", from: "a" },
      claim: { metric: "p99", better: "lower" },
    });
    expect(o?.improved).toBe(true);
    expect(o?.tradeOff).toMatch(/^SLO attainment falls/);
    expect(o!.after.sloAttainment).toBeLessThan(o!.before.sloAttainment - 0.2);
  });

  it("returns nothing for changes the simulator cannot model", () => {
    const s = scenario();
    expect(
      whatIf({
        scenario: s,
        strategy: "random",
        rounds: 100,
        action: { kind: "grow-cache", factor: 2 },
      }),
    ).toBeUndefined();
    expect(
      whatIf({
        scenario: s,
        strategy: "random",
        rounds: 100,
        action: { kind: "shift-traffic", from: "zzz" },
      }),
    ).toBeUndefined();
  });
});
