import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  compileScenario,
  loadScenario,
  runExperiment,
  runSimulation,
  type Scenario,
} from "../../src/sim/index.js";
import { ProbeRouter, uniformScenario } from "./helpers.js";

const scenarios = join(__dirname, "../../data/scenarios");

describe("delayed feedback", () => {
  it("reaches the router only at completion, after the sampled latency", () => {
    const probe = new ProbeRouter("qdrant");
    runSimulation({
      scenario: loadScenario(join(scenarios, "default.json")),
      strategy: () => probe,
      rounds: 20_000,
      seed: 3,
    });
    const decidedAt = new Map(probe.selects.map((s) => [s.decision, s.now]));
    expect(probe.records).toHaveLength(20_000);
    let pendingAtDecision = 0;
    let r = 0;
    for (const o of probe.records) {
      const t0 = decidedAt.get(o.decision)!;
      // Feed-forward: completion time = decision time + the request's latency, exactly.
      expect(o.now! - t0).toBeCloseTo(o.latencyMs, 9);
      expect(o.latencyMs).toBeGreaterThan(0);
    }
    // Feedback is genuinely delayed: decisions are taken while earlier outcomes are still out.
    const completions = probe.records.map((o) => o.now!).sort((a, b) => a - b);
    probe.selects.forEach((s, i) => {
      while (r < completions.length && completions[r] <= s.now) r++;
      // i decisions came before this one and r of them have completed.
      if (i > r) pendingAtDecision++;
    });
    expect(pendingAtDecision).toBeGreaterThan(1000);
    // And in order: outcomes are recorded in completion order.
    const times = probe.records.map((o) => o.now!);
    expect(times.every((t, i) => i === 0 || t >= times[i - 1])).toBe(true);
  });
});

describe("reproducibility", () => {
  it("gives identical results for the same seed, different ones for another seed", () => {
    const scenario = loadScenario(join(scenarios, "drift.json"));
    const run = (seed: number) =>
      runSimulation({ scenario, strategy: "thompson", pattern: "hedged", rounds: 5000, seed });
    const a = run(5);
    const b = run(5);
    expect(b.totals).toEqual(a.totals);
    expect(b.curves).toEqual(a.curves);
    expect(run(6).totals).not.toEqual(a.totals);
  });

  it("gives identical results with 0, 1 and 2 worker threads", async () => {
    const scenario = loadScenario(join(scenarios, "outage.json"));
    const run = (workers: number) =>
      runExperiment({
        scenario,
        strategies: ["thompson", "oracle", "least-outstanding"],
        pattern: "parallel:fanout=2,rule=first-k,k=1,cancel=true",
        rounds: 4000,
        reps: 3,
        seed: 8,
        workers,
      });
    const strip = (r: Awaited<ReturnType<typeof run>>) =>
      r.strategies.map(({ wallMs: _, ...rest }) => rest);
    const inline = await run(0);
    const one = await run(1);
    const two = await run(2);
    expect(one.workers).toBe(1);
    expect(two.workers).toBe(2);
    expect(strip(one)).toEqual(strip(inline));
    expect(strip(two)).toEqual(strip(inline));
  });
});

describe("expected rewards (the oracle's knowledge)", () => {
  it("match the SLO attainment each backend actually delivers", () => {
    const scenario = loadScenario(join(scenarios, "default.json"));
    const compiled = compileScenario(scenario);
    const n = 60_000;
    for (const [b, id] of compiled.backends.entries()) {
      const r = runSimulation({
        scenario: compiled,
        strategy: `always:${id}`,
        rounds: n,
        seed: 21,
      });
      let expected = 0;
      for (let ty = 0; ty < compiled.types.length; ty++) {
        expected += compiled.mix[ty] * compiled.expectedReward(ty, b, 0);
      }
      // Each query meets the SLO independently with probability E[type]: the count's variance
      // is Σ p(1 − p) ≤ n/4 plus the spread of the type mix, bounded by n·Var ≤ n/4; 5 sd.
      expect(Math.abs(r.totals.sloAttainment - expected)).toBeLessThan(5 * Math.sqrt(0.5 / n));
    }
  });

  it("follow drift ramps: time-varying rewards match delivered successes", () => {
    const scenario = loadScenario(join(scenarios, "drift.json"));
    const compiled = compileScenario(scenario);
    const qdrant = compiled.backendIndex.get("qdrant")!;
    let expected = 0;
    let variance = 0;
    const probe = new ProbeRouter("qdrant");
    const select = probe.select.bind(probe);
    probe.select = (query, context) => {
      const p = compiled.expectedReward(compiled.typeIndex.get(query.type!)!, qdrant, context.now!);
      expected += p;
      variance += p * (1 - p);
      return select(query, context);
    };
    const n = 12_000; // 60 s at 200 qps: before, during and after the 20–30 s ramp
    const r = runSimulation({ scenario: compiled, strategy: () => probe, rounds: n, seed: 4 });
    expect(r.totals.simulatedMs).toBeGreaterThan(35_000);
    expect(Math.abs(r.totals.sloAttainment * n - expected)).toBeLessThan(5 * Math.sqrt(variance));
    // The oracle moves similarity traffic from qdrant to hybrid once the ramp is over.
    const oracle = runSimulation({ scenario: compiled, strategy: "oracle", rounds: n, seed: 4 });
    expect(oracle.totals.regret).toBe(0);
    expect(oracle.totals.bestBackendRate).toBe(1);
    const share = oracle.curves.trafficShare;
    expect(share.qdrant[oracle.curves.queries.length - 1]).toBeLessThan(share.qdrant[0]);
  });
});

describe("outages", () => {
  it("fail fast during an error outage and hide backends from routers during a hidden one", () => {
    const scenario = loadScenario(join(scenarios, "outage.json"));
    const probe = new ProbeRouter("qdrant");
    runSimulation({ scenario, strategy: () => probe, rounds: 12_000, seed: 2 });
    const decidedAt = new Map(probe.selects.map((s) => [s.decision, s.now]));
    let during = 0;
    for (const o of probe.records) {
      const t = decidedAt.get(o.decision)!;
      if (o.backend === "qdrant" && t >= 15_000 && t < 30_000) {
        during++;
        expect(o.success).toBe(false);
        expect(o.latencyMs).toBe(1);
        expect(o.relevance).toBe(0);
      }
    }
    expect(during).toBeGreaterThan(1000);
    for (const s of probe.selects) {
      const hidden = s.now >= 35_000 && s.now < 45_000;
      expect(s.available.includes("inmemory")).toBe(!hidden);
    }
  });
});

describe("capacity", () => {
  it("makes latency grow with requests in flight", () => {
    const backend: Scenario["backends"][string] = {
      latencyMs: { type: "constant", value: 100 },
      relevance: { default: { type: "constant", value: 1 } },
    };
    const run = (capacity?: number) =>
      runSimulation({
        scenario: uniformScenario(
          1,
          capacity ? { ...backend, capacity: { concurrency: capacity } } : backend,
          {
            // 200 qps × 100 ms ≈ 20 requests in flight, far above a concurrency of 2.
            workload: { mix: { unknown: 1 }, arrivals: { type: "poisson", qps: 200 } },
          },
        ),
        strategy: "round-robin",
        rounds: 5000,
        seed: 1,
      }).totals.latency;
    expect(run().p99).toBeCloseTo(100, 0);
    expect(run(2).p50).toBeGreaterThan(300);
  });
});
