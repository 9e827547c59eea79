import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateLogged, loggedData } from "../../src/ope/index.js";
import { RandomRouter, RuleBasedRouter } from "../../src/routing/index.js";
import {
  CompiledScenario,
  formatLoggedTrace,
  loadScenario,
  runLoggedSimulation,
  runSimulation,
  type StrategyFactory,
} from "../../src/sim/index.js";
import { parseTrace } from "../../src/traces/index.js";

// Validation against the simulator's truth.
//
// Sizes: 50 traces logged by uniform random routing on data/scenarios/default.json (seeds
// 1000–1049), 3,000 decisions each, written as CSV and parsed back. Fixed policies' on-policy
// values: one run of each policy on the same scenario, 200,000 queries (se ≈ √(0.9·0.1/2e5)
// = 0.0007, under a tenth of the narrowest interval's half-width, so treating it as the truth
// moves coverage by well under a point). Thompson's: the mean SLO attainment of 100 on-policy
// runs of 600 queries, the steps replay evaluates it over (3,000 decisions / 5 backends).
//
// Criterion: each estimator's 95 % interval covers the truth in at least 42 of the 50 traces.
// A correct interval covers each independently with probability 0.95, so the count is
// Binomial(50, 0.95) (mean 47.5, sd 1.54) and P(count ≤ 41) ≈ 0.3 %. The default scenario has
// no load effects at these rates (qdrant's capacity of 32 in flight is never approached), so a
// policy's reward depends only on the query and the backend it picks, which is what makes the
// logged rewards of one policy informative about another.

const scenario = new CompiledScenario(
  loadScenario(join(import.meta.dirname, "../../data/scenarios/default.json")),
);
const SEEDS = 50;
const DECISIONS = 3000;

/** `epsilon:0.3:rule-based` as a router, for its on-policy run. */
const epsilonRuleBased: StrategyFactory = ({ rng, compiled }) => {
  const known = { backends: compiled.backends, queryTypes: compiled.types };
  const rules = new RuleBasedRouter(known);
  const uniform = new RandomRouter({ ...known, rng });
  return {
    name: "epsilon:0.3:rule-based",
    select: (query, context) => (rng.next() < 0.3 ? uniform : rules).select(query, context),
    record: () => {},
    stats: () => ({ strategy: "epsilon:0.3:rule-based", decisions: 0, outcomes: 0 }),
  };
};

function onPolicy(strategy: string | StrategyFactory): number {
  return runSimulation({ scenario, strategy, rounds: 200_000, seed: 7 }).totals.sloAttainment;
}

function thompsonOnPolicy(): number {
  let sum = 0;
  for (let r = 0; r < 100; r++) {
    sum += runSimulation({
      scenario,
      strategy: "thompson",
      rounds: DECISIONS / 5,
      seed: 7,
      repetition: r,
    }).totals.sloAttainment;
  }
  return sum / 100;
}

describe("off-policy estimates against on-policy simulation", () => {
  it("cover the truth in ≥ 42 of 50 uniformly logged traces; DR is no wider than IPS", () => {
    const truth: Record<string, number> = {
      "rule-based": onPolicy("rule-based"),
      "always:hybrid": onPolicy("always:hybrid"),
      "epsilon:0.3:rule-based": onPolicy(epsilonRuleBased),
      thompson: thompsonOnPolicy(),
    };
    const covered = new Map<string, number>();
    const width = new Map<string, number>();
    for (let s = 0; s < SEEDS; s++) {
      const { log } = runLoggedSimulation({
        scenario,
        strategy: "random",
        rounds: DECISIONS,
        seed: 1000 + s,
      });
      const text = formatLoggedTrace(log, { minRelevance: scenario.scenario.slo.minRelevance });
      const { rows, summary } = parseTrace(text, { source: `seed-${1000 + s}.csv` });
      const data = loggedData(rows, { source: summary.source }, summary.columns);
      for (const [policy, value] of Object.entries(truth)) {
        const report = evaluateLogged(data, { policy });
        for (const name of ["ips", "snips", "dm", "dr", "replay"] as const) {
          const e = report[name];
          if (e === null) continue;
          const key = `${policy} ${name}`;
          covered.set(key, (covered.get(key) ?? 0) + (e.lo <= value && value <= e.hi ? 1 : 0));
          width.set(key, (width.get(key) ?? 0) + (e.hi - e.lo) / SEEDS);
        }
      }
    }
    // Every fixed policy has all four estimators, Thompson its replay.
    expect(covered.size).toBe(3 * 4 + 1);
    for (const [key, count] of covered) {
      expect({ key, count, ok: count >= 42 }).toEqual({ key, count, ok: true });
    }
    for (const policy of ["rule-based", "always:hybrid", "epsilon:0.3:rule-based"]) {
      expect(width.get(`${policy} dr`)).toBeLessThanOrEqual(width.get(`${policy} ips`)!);
    }
  }, 120_000);
});
