import { describe, expect, it } from "vitest";
import type { BatchRoutingResult } from "../../src/bench/batch-routing.js";
import { runSimulation } from "../../src/sim/run/run-simulation.js";
import { loadScenario } from "../../src/sim/scenario/load.js";
import { cachingStudyPlan, runCachingStudy } from "../../src/studies/index.js";

const batchRouting: BatchRoutingResult = {
  decisionsPerCall: 10_000,
  rows: [
    {
      strategy: "thompson",
      batchSize: 100,
      decisionsPerSecond: { median: 1e6, min: 9e5, max: 1.1e6 },
    },
  ],
  oneAtATime: [{ strategy: "thompson", decisionsPerSecond: { median: 1e6, min: 9e5, max: 1.1e6 } }],
  fixedCostPerCallNs: 10,
  bestRatio: { thompson: 1 },
};

describe("runCachingStudy", () => {
  it("routes query i to the same catalogue query with and without the cache (what the speedup check relies on)", () => {
    const scenario = loadScenario(cachingStudyPlan({ quick: true }).scenarioFile);
    const { cache: _cache, ...plain } = scenario;
    const seen = (s: typeof scenario) => {
      const ids: (string | undefined)[] = [];
      runSimulation({
        scenario: s,
        strategy: "thompson",
        rounds: 5_000,
        seed: 3,
        observe: () => ({
          deciding: (i, q) => {
            ids[i] = q.id ?? q.text;
          },
        }),
      });
      return ids;
    };
    const cached = seen(scenario);
    const routed = seen(plain);
    const compared = cached.flatMap((id, i) => (id === undefined ? [] : [[id, routed[i]]]));
    // Some queries were hits (not routed), and every routed one matches.
    expect(compared.length).toBeLessThan(5_000);
    expect(compared.length).toBeGreaterThan(1_000);
    for (const [a, b] of compared) expect(a).toBe(b);
  });

  it("counts the same hits in the speedup check as in the run's totals, and reads a bench result passed in", async () => {
    const plan = {
      ...cachingStudyPlan({ quick: true }),
      rounds: 4_000,
      reps: 1,
      policies: ["lru" as const, "ttl-lru" as const],
      capacities: [100, 1_000],
    };
    const r = await runCachingStudy(plan, { batchRouting });
    // One repetition with the plan's seed: the observed run is the totals' run.
    expect(r.speedup.repeatedQueries).toBe(
      Math.round(r.withWithout.with.cacheHitRate.mean * plan.rounds),
    );
    expect(r.withWithout.without.cacheHitRate.mean).toBe(0);
    // The paired change is with minus without, run by run (one repetition: no interval).
    expect(r.withWithout.sloChange.mean).toBeCloseTo(
      r.withWithout.with.sloAttainment.mean - r.withWithout.without.sloAttainment.mean,
      12,
    );
    expect(r.withWithout.sloChange.n).toBe(1);
    expect(r.hitRates).toHaveLength(4);
    expect(r.theory.map((t) => t.capacity)).toEqual([100, 1_000]);
    // FIFO's approximation lies below Che's (see approximations.ts).
    for (const t of r.theory) expect(t.fifo).toBeLessThan(t.che);
    expect(r.batch.source).toBe("bench");
    expect(r.batch.ceiling.thompson).toBeCloseTo(1000 / 990, 12);
    expect(r.plan.scenarioFile).toBe("data/scenarios/cached.json");
  });
});
