import { describe, expect, it } from "vitest";
import { cheHitRate, zipfPopularities } from "../../../src/sim/cache/index.js";
import { parseScenario, runSimulation, type Scenario } from "../../../src/sim/index.js";
import { ProbeRouter } from "../helpers.js";

/**
 * Two backends with constant latency and relevance: `good` (relevance 1) and `bad` (0).
 * 1,000 distinct queries (Zipf 1), an LRU cache of 100 answering in 0.5 ms.
 */
function cached(extra: Partial<Scenario> = {}, cache: Partial<Scenario["cache"]> = {}): Scenario {
  return parseScenario(
    {
      name: "cached-test",
      backends: {
        good: {
          latencyMs: { type: "constant", value: 10 },
          relevance: { default: { type: "constant", value: 1 } },
        },
        bad: {
          latencyMs: { type: "constant", value: 5 },
          relevance: { default: { type: "constant", value: 0 } },
        },
      },
      workload: {
        mix: { similarity: 1, personal: 1 },
        arrivals: { type: "poisson", qps: 100 },
        repeats: { distinctQueries: 1000, zipfExponent: 1 },
      },
      slo: { latencyMs: 200, minRelevance: 0.7 },
      cache: {
        capacity: 100,
        policy: "lru",
        hitLatencyMs: { type: "constant", value: 0.5 },
        ...cache,
      },
      ...extra,
    },
    "cached-test",
  );
}

const ROUNDS = 40_000;

describe("result cache in the engine", () => {
  it("a hit bypasses the router: no decision, no learning, no backend call", () => {
    const probe = new ProbeRouter("good");
    const r = runSimulation({ scenario: cached(), strategy: () => probe, rounds: ROUNDS });
    const t = r.totals;
    const hits = Math.round(t.cacheHitRate * ROUNDS);
    expect(hits).toBe(t.cache!.hits);
    expect(probe.selects.length).toBe(ROUNDS - hits);
    expect(probe.records.length).toBe(ROUNDS - hits);
    expect(t.callsPerQuery).toBeCloseTo((ROUNDS - hits) / ROUNDS, 12);
    // Hits answer in 0.5 ms and misses in 10 ms: the median is one or the other (1 % sketch).
    expect(t.latency.p50).toBeCloseTo(hits > ROUNDS / 2 ? 0.5 : 10, 0);
    expect(t.sloAttainment).toBe(1); // every answer, cached or not, has relevance 1 in time
  });

  it("hits about Che's LRU rate (the fill waits for the answer, so a little below)", () => {
    const r = runSimulation({
      scenario: cached(),
      strategy: () => new ProbeRouter("good"),
      rounds: ROUNDS,
    });
    const che = cheHitRate(zipfPopularities(1000, 1), 100);
    // Che's figure is for a cache filled at once; here an answer lands 10 ms (≈ 1 arrival at
    // 100 qps) after its miss, and the first ~100 queries are cold. The rate over 4·10⁴ queries
    // has a binomial standard error ≤ 0.0025; 3 points covers both effects and ≥ 4 se.
    expect(r.totals.cacheHitRate).toBeGreaterThan(che - 0.03);
    expect(r.totals.cacheHitRate).toBeLessThan(che + 0.01);
  });

  it("answers with the relevance of the answer that filled it; failed answers are not cached", () => {
    const bad = runSimulation({
      scenario: cached(),
      strategy: () => new ProbeRouter("bad"),
      rounds: 5000,
    });
    expect(bad.totals.cacheHitRate).toBeGreaterThan(0.3);
    expect(bad.totals.successRate).toBe(0); // cached relevance 0 stays 0
    const s = cached();
    s.backends.good.failureProbability = 1;
    const failing = runSimulation({
      scenario: s,
      strategy: () => new ProbeRouter("good"),
      rounds: 5000,
    });
    expect(failing.totals.cacheHitRate).toBe(0);
  });

  it("decision metrics leave hits out; the oracle is credited with a hit's own outcome", () => {
    const r = runSimulation({
      scenario: cached(),
      strategy: () => new ProbeRouter("bad"),
      rounds: ROUNDS,
    });
    const t = r.totals;
    const decisions = ROUNDS - t.cache!.hits;
    // Every decision picks `bad` (reward 0) where `good` has reward 1: regret 1 per decision.
    expect(t.regret).toBeCloseTo(decisions, 6);
    expect(t.bestBackendRate).toBe(0);
    // The oracle would meet the SLO on every routed query; hits (relevance 0) count 0 both sides.
    expect(t.oracleSloAttainment).toBeCloseTo(decisions / ROUNDS, 12);
    expect(t.sloGap).toBeCloseTo(decisions / ROUNDS, 12);
  });

  it("hit rates per type; types outside `types` are never cached", () => {
    const r = runSimulation({
      scenario: cached({}, { types: ["personal"] }),
      strategy: () => new ProbeRouter("good"),
      rounds: ROUNDS,
    });
    const byType = r.totals.cache!.hitRateByType;
    expect(byType.similarity).toBe(0);
    expect(byType.personal).toBeGreaterThan(0.3);
    // Half the queries are personal (mix 1:1), so the overall rate is about half of its rate.
    expect(r.totals.cacheHitRate).toBeCloseTo(byType.personal / 2, 1);
  });

  it("counts stale hits after a drift and their cost", () => {
    // At 100 s (≈ 10⁴ queries) `good` drifts to relevance 0 for similarity only.
    const s = cached();
    s.backends.good.windows = [
      {
        kind: "drift",
        startMs: 100_000,
        relevance: { similarity: { type: "constant", value: 0 } },
      },
    ];
    const r = runSimulation({
      scenario: s,
      strategy: () => new ProbeRouter("good"),
      rounds: ROUNDS,
    });
    const t = r.totals;
    expect(t.staleHitRate).toBeGreaterThan(0);
    // Every stale answer has relevance 1 where a fresh one now has 0: cost −1 per stale hit,
    // and each of them met the SLO.
    expect(t.staleCost).toBeCloseTo(-t.staleHitRate, 12);
    expect(t.staleMetRate).toBeCloseTo(t.staleHitRate, 12);
    // Only similarity answers can be stale: no more stale hits than similarity hits.
    expect(t.staleHitRate).toBeLessThanOrEqual(t.cache!.hitRateByType.similarity / 2 + 1e-12);
    // Without the drift nothing is stale.
    const calm = runSimulation({
      scenario: cached(),
      strategy: () => new ProbeRouter("good"),
      rounds: 5000,
    });
    expect(calm.totals.staleHitRate).toBe(0);
  });

  it("a TTL expires entries in virtual time", () => {
    // A 10 ms TTL: an entry lives 10 ms after its fill, so query i hits only when it comes
    // again within those 10 ms, at most λ·p_i·10 ms = p_i per arrival (λ = 0.1/ms). The rate
    // is then ≤ Σ p_i² = (Σ 1/k²)/(Σ 1/k)² ≈ 0.029 for Zipf 1 over 1,000 queries; with the
    // binomial error over 10⁴ queries (≤ 0.0017), 0.04 bounds it, far below LRU's ≈ 0.6.
    // A 10⁶ ms TTL never expires within the run, so it is exactly the LRU.
    const short = runSimulation({
      scenario: cached({}, { policy: "ttl-lru", ttlMs: 10 }),
      strategy: () => new ProbeRouter("good"),
      rounds: 10_000,
    });
    const long = runSimulation({
      scenario: cached({}, { policy: "ttl-lru", ttlMs: 1e6 }),
      strategy: () => new ProbeRouter("good"),
      rounds: 10_000,
    });
    const lru = runSimulation({
      scenario: cached(),
      strategy: () => new ProbeRouter("good"),
      rounds: 10_000,
    });
    expect(short.totals.cacheHitRate).toBeGreaterThan(0);
    expect(short.totals.cacheHitRate).toBeLessThan(0.04);
    expect(long.totals.cacheHitRate).toBe(lru.totals.cacheHitRate);
  });

  it("is deterministic: same seed, same totals, for every policy", () => {
    for (const policy of ["lru", "lfu", "fifo"] as const) {
      const run = () =>
        runSimulation({
          scenario: cached({}, { policy }),
          strategy: "thompson",
          rounds: 5000,
          seed: 9,
        });
      expect(run().totals).toEqual(run().totals);
    }
  });

  it("without a cache: hit rate 0 and no cache totals", () => {
    const { cache: _, ...plain } = cached();
    const r = runSimulation({ scenario: plain, strategy: "thompson", rounds: 2000 });
    expect(r.totals.cacheHitRate).toBe(0);
    expect(r.totals.cache).toBeUndefined();
  });
});
