import { describe, expect, it } from "vitest";
import { createStream } from "../../../src/random/index.js";
import { AdaptivePatternRouter, AlwaysRouter } from "../../../src/routing/index.js";
import type {
  Outcome,
  PatternChoosingRouter,
  Query,
  RouterStats,
  RoutingContext,
  RoutingDecision,
} from "../../../src/routing/types.js";
import { loadScenario, runSimulation, type Scenario } from "../../../src/sim/index.js";

/** Routes like always:<backend> and names the patterns of `pick(i)` for query i. */
class Chooser implements PatternChoosingRouter {
  readonly name = "chooser";
  readonly completed: { pattern?: string; calls: number }[] = [];
  private readonly inner: AlwaysRouter;
  private i = 0;
  constructor(
    readonly patterns: readonly string[],
    backend: string,
    private readonly pick: (i: number) => string,
  ) {
    this.inner = new AlwaysRouter({ backend, backends: [backend] });
  }
  select(query: Query, context: RoutingContext): RoutingDecision {
    const d = this.inner.select(query, context);
    d.pattern = this.pick(this.i++);
    return d;
  }
  record(outcome: Outcome): void {
    this.inner.record(outcome);
  }
  onQueryComplete(decision: RoutingDecision, _sloMet: boolean, calls: number): void {
    this.completed.push({ pattern: decision.pattern, calls });
  }
  stats(): RouterStats {
    return this.inner.stats();
  }
}

const bernoulli = loadScenario("data/scenarios/bernoulli.json");
const FF = "feed-forward";
const FAN2 = "parallel:fanout=2,rule=first-k";

describe("per-query patterns in the engine", () => {
  it("runs each query with the pattern its decision names and reports it when it completes", () => {
    const router = new Chooser([FF, FAN2], "hybrid", (i) => (i % 2 === 0 ? FF : FAN2));
    const r = runSimulation({ scenario: bernoulli, strategy: () => router, rounds: 2000 });
    // Five backends are available, so a fan-out of 2 always sends 2.
    expect(r.totals.callsPerQuery).toBe(1.5);
    expect(router.completed).toHaveLength(2000);
    for (const c of router.completed) expect(c.calls).toBe(c.pattern === FF ? 1 : 2);
  });

  it("reproduces a whole-run pattern exactly when every query names it (p95 hedges included)", () => {
    const scenario = loadScenario("data/scenarios/default.json");
    const hedged = "hedged:delay=p95";
    const options = { scenario, rounds: 5000, seed: 3, repetition: 1 };
    const perQuery = runSimulation({
      ...options,
      strategy: () => new Chooser([hedged], "neo4j", () => hedged),
      streamName: "always:neo4j",
    });
    const whole = runSimulation({ ...options, strategy: "always:neo4j", pattern: hedged });
    const { oracleSloAttainment: _a, sloGap: _b, ...mine } = perQuery.totals;
    const { oracleSloAttainment: _c, sloGap: _d, ...theirs } = whole.totals;
    expect(mine).toEqual(theirs);
    expect(perQuery.totals.callsPerQuery).toBeGreaterThan(1);
  });

  it("refuses an undeclared pattern, and a bad declared one before the run, naming it", () => {
    const undeclared = new Chooser([FF], "hybrid", () => FAN2);
    expect(() =>
      runSimulation({ scenario: bernoulli, strategy: () => undeclared, rounds: 10 }),
    ).toThrow(/named pattern "parallel:fanout=2,rule=first-k", which is not one of its declared/);
    const bad = new Chooser([FF, "hedged:delay=soon"], "hybrid", () => FF);
    expect(() => runSimulation({ scenario: bernoulli, strategy: () => bad, rounds: 10 })).toThrow(
      /chooser\.patterns\.1/,
    );
  });
});

/**
 * Two backends that fail half the time (independently), relevance 1, 1 ms, one closed-loop
 * client (each outcome is known before the next decision). Feed-forward meets the SLO with
 * probability 1/2, a fan-out of 2 (first success) with 3/4 at one extra call.
 */
const coinFlips: Scenario = {
  name: "coin-flips",
  backends: Object.fromEntries(
    ["a", "b"].map((id) => [
      id,
      {
        latencyMs: { type: "constant", value: 1 },
        relevance: { default: { type: "constant", value: 1 } },
        failureProbability: 0.5,
      },
    ]),
  ),
  workload: { mix: { x: 1 }, arrivals: { type: "closed", clients: 1 } },
  slo: { latencyMs: 100, minRelevance: 0.5 },
};

/**
 * Which pattern adaptive-pattern learns. Rescaled rewards (E = 1): with λ = 0, feed-forward
 * 1/2 and fan-out 3/4; with λ = 0.5, feed-forward (1/2 + 1/2)/1.5 = 2/3 and fan-out
 * (3/4 − 1/2 + 1/2)/1.5 = 1/2, so the better pattern flips. Thompson sampling picks the worse
 * arm O(ln T / KL(μ, μ*)) times (Agrawal & Goyal 2013; Kaufmann et al. 2012): KL(1/2, 3/4) =
 * 0.144 and KL(1/2, 2/3) = 0.059, so at T = 6000 about 60 and 150 times. Allowing 10 % of T
 * (600) leaves a margin of 4× and more.
 */
describe("adaptive-pattern learns the pattern the reward favours", () => {
  for (const [lambda, best] of [
    [0, FAN2],
    [0.5, FF],
  ] as const) {
    it(`λ = ${lambda}: ${best}`, () => {
      const T = 6000;
      const router = new AdaptivePatternRouter({
        rng: createStream(5, "router"),
        patterns: [FF, FAN2],
        callCost: lambda,
        backends: ["a", "b"],
        queryTypes: ["x"],
      });
      runSimulation({ scenario: coinFlips, strategy: () => router, rounds: T });
      const [row] = router.patternTable();
      expect(row.learned).toBe(best);
      const picks = row.patterns.find((p) => p.pattern === best)?.picks ?? 0;
      expect(picks).toBeGreaterThan(0.9 * T);
    });
  }
});
