import { describe, expect, it } from "vitest";
import { contextualRoutingPlan } from "../../src/studies/index.js";
import { tinyContextualResult } from "../support/contextual-result.js";

describe("runContextualRouting", () => {
  it("is a pure function of the plan and the seed (but for wall-clock fields)", {
    timeout: 120_000,
  }, async () => {
    const [a, b] = [await tinyContextualResult(true), await tinyContextualResult(true)];
    expect({ ...a, wallMs: 0 }).toEqual({ ...b, wallMs: 0 });
  });

  it("compares per-type and contextual learners, drift policies, adaptive patterns and speeds", {
    timeout: 120_000,
  }, async () => {
    const r = await tinyContextualResult();
    const c = r.contextual;
    expect(c.order).toEqual(["thompson", "ucb1", "linucb", "linear-thompson", "oracle"]);
    expect(c.strategies.oracle.regret.mean).toBe(0);
    // Per-type Thompson pays at least the floor per query in expectation (see the engine's
    // contextual test); over 1500 queries × 2 repetitions its mean is far above half of it.
    expect(c.strategies.thompson.regret.mean).toBeGreaterThan(0.5 * c.perTypeFloor * c.rounds);
    expect(c.perTypeFloor).toBeGreaterThan(0.2);
    expect(r.drift.order).toEqual(["thompson", "sw-ucb", "oracle"]);
    expect(r.adaptive.map((a) => a.scenario.name)).toEqual(["default", "degraded"]);
    for (const a of r.adaptive) {
      expect(Object.keys(a.strategies)).toEqual(["thompson", "adaptive-pattern"]);
      expect(a.types.map((t) => t.type)).toEqual([
        "relationship",
        "similarity",
        "personal",
        "temporal",
        "unknown",
      ]);
      for (const t of a.types) {
        expect(t.patterns.map((p) => p.pattern)).toContain(t.learned);
        expect(t.agreeing).toBeGreaterThanOrEqual(1);
        expect(t.patterns.reduce((s, p) => s + p.pickShare, 0)).toBeCloseTo(1, 9);
      }
      // Only thompson's feed-forward sends one call per query; the adaptive router fans out.
      expect(a.strategies.thompson.callsPerQuery.mean).toBe(1);
      expect(a.strategies["adaptive-pattern"].callsPerQuery.mean).toBeGreaterThan(1);
    }
    expect(r.decisionSpeed.rows.map((x) => x.strategy)).toEqual(["thompson", "adaptive-pattern"]);
    for (const row of r.decisionSpeed.rows) expect(row.decisionsPerCpuSecond).toBeGreaterThan(0);
  });

  it("plans shorter runs in quick mode, past the drift and into the incident", () => {
    const quick = contextualRoutingPlan({ quick: true });
    const full = contextualRoutingPlan({ quick: false });
    expect(quick.drift.rounds).toBeLessThanOrEqual(full.drift.rounds);
    expect(quick.contextual.rounds).toBeLessThan(full.contextual.rounds);
    // 200 queries/s: the drift starts at 20 s (4,000 queries) and the incident at 10 s.
    expect(quick.drift.rounds).toBeGreaterThan(4000);
    expect(quick.adaptive.rounds).toBeGreaterThan(2000);
  });
});
