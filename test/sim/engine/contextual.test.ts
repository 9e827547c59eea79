import { describe, expect, it } from "vitest";
import { Decision, type DecisionExplainer } from "../../../src/routing/decision.js";
import type { Query, Router, RoutingContext } from "../../../src/routing/types.js";
import { compileScenario, loadScenario, runSimulation } from "../../../src/sim/index.js";

const compiled = compileScenario(loadScenario("data/scenarios/contextual.json"));
const HYBRID = compiled.backendIndex.get("hybrid") as number;

/** Always routes to hybrid, and keeps every query it was shown. */
class Recorder implements Router, DecisionExplainer {
  readonly name = "recorder";
  readonly seen: Query[] = [];
  select(query: Query, context: RoutingContext): Decision {
    this.seen.push(query);
    return new Decision(
      "hybrid",
      1,
      query.type ?? "",
      this.name,
      this,
      context.available,
      undefined,
      undefined,
    );
  }
  record(): void {}
  explain(): string {
    return "recorder";
  }
  stats() {
    return { strategy: this.name, decisions: this.seen.length, outcomes: 0 };
  }
}

/**
 * The smallest per-query expected regret a router that sees only the query's type can have
 * on a type: given the type, the text is drawn uniformly among the type's texts whatever the
 * router chooses, so its expected regret is E[best reward of the query] − E[reward of its
 * choice] ≥ E[best reward of the query] − the best type-level reward.
 */
function typeFloor(ty: number): number {
  const texts = compiled.queryTexts[ty];
  const perQuery =
    texts.reduce((a, t) => a + compiled.bestRowReward(compiled.rowOf(ty, t), 0), 0) / texts.length;
  return perQuery - compiled.bestReward(ty, 0);
}
const FLOOR = Math.min(...compiled.types.map((_, ty) => typeFloor(ty)));

describe("the contextual scenario's regret is per query", () => {
  it("sums the best reward of each query's own words minus its choice's, exactly", async () => {
    const router = new Recorder();
    const r = await runSimulation({
      scenario: compiled,
      strategy: () => router,
      rounds: 3000,
      seed: 4,
    });
    let expected = 0;
    for (const q of router.seen) {
      const row = compiled.rowOf(compiled.typeIndex.get(q.type as string) as number, q.text);
      expected += compiled.bestRowReward(row, 0) - compiled.rowReward(row, HYBRID, 0);
    }
    expect(router.seen).toHaveLength(3000);
    expect(r.totals.regret).toBeCloseTo(expected, 6);
    // hybrid is the best backend of each type as a whole, but of no single query.
    expect(r.totals.bestBackendRate).toBe(0);
  });

  it("gives the oracle zero regret and the best backend of every query", async () => {
    const r = await runSimulation({
      scenario: compiled,
      strategy: "oracle",
      rounds: 3000,
      seed: 4,
    });
    expect(r.totals.regret).toBe(0);
    expect(r.totals.bestBackendRate).toBe(1);
  });

  /**
   * Tolerances. A per-type learner's regret on query i has conditional expectation ≥ FLOOR
   * (see typeFloor), and each query's regret lies in [0, 1], so by Azuma–Hoeffding its sum
   * over n queries falls below n·FLOOR − a with probability ≤ exp(−a² / (2n)); a = √(2n ln 10⁶)
   * makes that 10⁻⁶. A learner that reads the words can go below the floor; below half of
   * it (over the same window, the same a) it does what no per-type learner can.
   */
  it("grows linearly for per-type Thompson and flattens for linucb", async () => {
    const rounds = 8000;
    const quarter = async (strategy: string) => {
      const r = await runSimulation({ scenario: compiled, strategy, rounds, seed: 9, points: 100 });
      const { regret, queries } = r.curves;
      const k = regret.length - 1;
      const from = Math.round(k * 0.75);
      return { all: regret[k], last: regret[k] - regret[from], n: queries[k] - queries[from] };
    };
    const slack = (n: number) => Math.sqrt(2 * n * Math.log(1e6));
    const thompson = await quarter("thompson");
    expect(thompson.all).toBeGreaterThan(rounds * FLOOR - slack(rounds));
    expect(thompson.last).toBeGreaterThan(thompson.n * FLOOR - slack(thompson.n));
    for (const s of ["linucb", "linear-thompson"]) {
      const r = await quarter(s);
      expect(r.last, s).toBeLessThan((r.n * FLOOR) / 2);
    }
  });
});
