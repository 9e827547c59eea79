import jStat from "jstat";
import { describe, expect, it } from "vitest";
import { whatIf, whatIfAll } from "../../src/analysis/index.js";
import { analyzeProfile, RoutingProfiler } from "../../src/profiling/index.js";
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

/** σ of a lognormal whose p99 is twice its median, as every fast mode here. */
const SIGMA = Math.LN2 / 2.3263478740408408;

/** P(L > x) for a lognormal of median `median` and σ = SIGMA. */
const lognormalTail = (x: number, median: number) =>
  x <= 0 ? 1 : 1 - jStat.normal.cdf(Math.log(x / median) / SIGMA, 0, 1);

/** P(L > x) for one call of {@link scenario}'s backends (no overrides). */
const callTail = (x: number) =>
  0.95 * lognormalTail(x, 20) + 0.05 * (x < 100 ? 1 : Math.exp(-(x - 100) / 400));

/** The x where a decreasing tail function equals `p`, by bisection. */
function tailQuantile(tail: (x: number) => number, p: number): number {
  let lo = 0;
  let hi = 1e5;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (tail(mid) > p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * How far a p99 from n queries may be from the true one: 5 sd of the sample quantile,
 * √(p(1 − p)/n)/f(x) with f the density (a central difference of the tail), plus the
 * sketch's 1 % relative error.
 */
function p99Tolerance(tail: (x: number) => number, n: number): number {
  const x = tailQuantile(tail, 0.01);
  const h = 1e-3 * x;
  const density = (tail(x - h) - tail(x + h)) / (2 * h);
  return 5 * (Math.sqrt((0.01 * 0.99) / n) / density) + 0.01 * x;
}

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
    // Both p99s match the model. Before, one call: 0.05·e^(−(x − 100)/400) = 0.01 gives
    // 100 + 400 ln 5 ≈ 744 ms (sd of the sample p99 ≈ 28 ms). After, the first of the
    // primary X₁ and a backup sent at the delay d: P(L > x) = P(X₁ > x)·P(X₂ > x − d),
    // ≈ 78 ms for d ≈ 51 ms (sd ≈ 0.5 ms).
    const n = 20_000;
    const d = (hedge!.action as { afterMs: number }).afterMs;
    const hedgedTail = (x: number) => callTail(x) * (x > d ? callTail(x - d) : 1);
    expect(Math.abs(outcome.before.p99 - tailQuantile(callTail, 0.01))).toBeLessThan(
      p99Tolerance(callTail, n),
    );
    expect(Math.abs(outcome.after.p99 - tailQuantile(hedgedTail, 0.01))).toBeLessThan(
      p99Tolerance(hedgedTail, n),
    );
    // Cost: one backup per query whose primary is slower than d, a share q = P(X > d) ≈ 0.05
    // (no cancellation here). Binomial 5·√(q(1 − q)/n) = 0.0078, plus the share of calls
    // the sketch's 1 % error in d can move across it, P(d/1.01 < X < 1.01·d).
    const q = callTail(d);
    const extra = outcome.after.callsPerQuery / outcome.before.callsPerQuery - 1;
    expect(Math.abs(extra - q)).toBeLessThan(
      5 * Math.sqrt((q * (1 - q)) / n) + (callTail(d / 1.01) - callTail(d * 1.01)),
    );
    expect(outcome.summary).toMatch(
      /^hedge after .* ms: p99 .* → .* ms, SLO attainment .* % → .* %, \+\d+\.\d % backend calls$/,
    );
  });

  it("moving traffic off a degraded backend lowers the p99", () => {
    // a is degraded (median 250 ms, p99 500 ms) and b, c are fast with no slow mode: a holds
    // a third of the traffic, so the end-to-end p99 is a's; without a, it is b's and c's:
    // 40 ms, with the sample p99's 5 sd (5 × 0.3 ms at n = 20,000) and the sketch's 1 %.
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
    const fastTail = (x: number) => lognormalTail(x, 20);
    expect(Math.abs(outcome.after.p99 - 40)).toBeLessThan(p99Tolerance(fastTail, 20_000));
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
    // traffic off a cuts the p99 and most of the SLO attainment with it. Every latency is
    // within the 1000 ms SLO (a's p(L > 1000) = 2e-6), so a query meets it iff its relevance
    // is ≥ 0.5: pA = P(Beta(18, 2) ≥ 0.5) ≈ 1 from a, pBC = P(Beta(6, 14) ≥ 0.5) ≈ 0.032
    // from b and c. Round-robin before: (pA + 2·pBC)/3 ≈ 0.355; after: pBC. Each within
    // 5 binomial sd √(p(1 − p)/5000) (an upper bound for the stratified round-robin split).
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
    const pA = 1 - jStat.beta.cdf(0.5, 18, 2);
    const pBC = 1 - jStat.beta.cdf(0.5, 6, 14);
    const within = (observed: number, p: number) =>
      expect(Math.abs(observed - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / 5000));
    within(o!.before.sloAttainment, (pA + 2 * pBC) / 3);
    within(o!.after.sloAttainment, pBC);
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
