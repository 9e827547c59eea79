import { describe, expect, it } from "vitest";
import { profileSimulation } from "../../src/analysis/profile-simulation.js";
import { verifyAdvice } from "../../src/analysis/verify-advice.js";
import { simulateRun, whatIfMetrics } from "../../src/analysis/what-if.js";
import { analyzeProfile } from "../../src/profiling/profile-analysis.js";
import { parseScenario, type Scenario } from "../../src/sim/index.js";

/**
 * One backend that is often late (log-normal, median 150 ms, p99 600 ms, against a 200 ms
 * SLO) and always relevant; 1,000 distinct queries (Zipf 1) and an LRU cache of only 10
 * entries answering in 1 ms. Che's approximation puts its hit rate near 0.25, under the
 * profiler's 30 % threshold; each extra hit turns a ≈ 0.75 chance of meeting the SLO into a
 * certainty, so doubling the cache (hit rate ≈ 0.33) must raise SLO attainment.
 */
function scenario(driftAt?: number): Scenario {
  return parseScenario(
    {
      name: "small-cache",
      backends: {
        slow: {
          latencyMs: { type: "lognormal", median: 150, p99: 600 },
          relevance: { default: { type: "constant", value: 1 } },
          ...(driftAt !== undefined
            ? {
                windows: [
                  {
                    kind: "drift",
                    startMs: driftAt,
                    relevance: { default: { type: "constant", value: 0 } },
                  },
                ],
              }
            : {}),
        },
      },
      workload: {
        mix: { similarity: 1 },
        arrivals: { type: "poisson", qps: 100 },
        repeats: { distinctQueries: 1000, zipfExponent: 1 },
      },
      slo: { latencyMs: 200, minRelevance: 0.7 },
      cache: { capacity: 10, policy: "lru", hitLatencyMs: { type: "constant", value: 1 } },
    },
    "small-cache",
  );
}

describe("grow-cache advice", () => {
  it("a low hit rate leads to a capacity recommendation, verified by re-simulation", () => {
    const base = { scenario: scenario(), strategy: "rule-based", rounds: 6000, seed: 3 };
    const { profiler } = profileSimulation(base);
    const analysis = analyzeProfile(profiler.report({ wallTime: false }), {
      sloMs: 200,
      recommend: { cacheCapacity: 10 },
    });
    expect(analysis.findings.map((f) => f.rule)).toContain("low-cache-hit-rate");
    const grow = analysis.recommendations.find((r) => r.id === "grow-cache")!;
    expect(grow.title).toBe("Grow the cache 2× to 20 entries");
    const v = verifyAdvice([grow], { base, reps: 4 });
    const verified = v.recommendations[0];
    expect(verified.verdict, verified.reason).toBe("advised");
    expect(verified.change).toBe("grow the cache from 10 to 20 entries");
    expect(verified.effect!.sloAttainment.diff.lo).toBeGreaterThan(0);
  });

  it("stale hits count against SLO attainment in advice", () => {
    // At 30 s (≈ 3,000 queries) the backend's answers turn irrelevant: a hit after that of an
    // answer filled before is stale, and it met the SLO (relevance 1) only thanks to the cache.
    const r = simulateRun({
      scenario: scenario(30_000),
      strategy: "rule-based",
      rounds: 6000,
      seed: 3,
    });
    expect(r.totals.staleMetRate).toBeGreaterThan(0);
    const m = whatIfMetrics(r);
    expect(m.sloAttainment).toBeCloseTo(r.totals.sloAttainment - r.totals.staleMetRate, 12);
    expect(m.cacheHitRate).toBe(r.totals.cacheHitRate);
  });
});
