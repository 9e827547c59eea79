import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runSimulation, type Scenario } from "../../../src/sim/index.js";
import { patternSpecs as patterns } from "../../support/pattern-arbitrary.js";
import { ProbeRouter } from "../helpers.js";

describe("every pattern", () => {
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
});
