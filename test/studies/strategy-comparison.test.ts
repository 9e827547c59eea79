import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../src/lab/index.js";
import {
  bestBackendCurvesFigure,
  queryTypeFigure,
  regretCurvesFigure,
  strategyTotalsFigure,
  trafficShareFigure,
} from "../../src/plot/figures/strategies.js";
import { toStandaloneSvg } from "../../src/plot/save.js";
import type { Estimate } from "../../src/stats/index.js";
import {
  COMPARED_STRATEGIES,
  queryTypeMarkdown,
  runStrategyComparison,
  type StrategyComparisonResult,
  strategyComparisonPlan,
  strategyTotalsMarkdown,
} from "../../src/studies/strategy-comparison/index.js";

const SCENARIO = join(projectRoot, "data/scenarios/default.json");
const ROUNDS = 20_000;

const inBand = (b: Estimate) => {
  // One repetition has no interval; two or more bracket the mean.
  if (b.n < 2) {
    expect([b.lo, b.hi]).toEqual([Number.NaN, Number.NaN]);
    return;
  }
  expect(b.lo).toBeLessThanOrEqual(b.mean + 1e-12);
  expect(b.hi).toBeGreaterThanOrEqual(b.mean - 1e-12);
};

describe("runStrategyComparison", () => {
  let r: StrategyComparisonResult;
  beforeAll(async () => {
    // One repetition keeps per-type rates and totals exactly comparable (no averaging of
    // ratios); workers: 0 runs on this thread.
    r = await runStrategyComparison({
      scenario: SCENARIO,
      rounds: ROUNDS,
      reps: 1,
      seed: 11,
      points: 50,
      workers: 0,
    });
  });

  it("reports every strategy, ranks all but the oracle by regret, and gives the oracle 0 regret", () => {
    expect(r.order).toEqual([...COMPARED_STRATEGIES]);
    expect(Object.keys(r.strategies).sort()).toEqual([...COMPARED_STRATEGIES].sort());
    expect(r.ranking).not.toContain("oracle");
    expect(r.ranking).toHaveLength(COMPARED_STRATEGIES.length - 1);
    const regrets = r.ranking.map((s) => r.strategies[s].regret.mean);
    expect(regrets).toEqual([...regrets].sort((a, b) => a - b));
    expect(r.strategies.oracle.regret.mean).toBe(0);
    expect(r.strategies.oracle.bestBackendRate.mean).toBe(1);
    expect(r.strategies[r.baseline].regretVsBaseline.mean).toBe(0);
    for (const s of Object.values(r.strategies)) {
      for (const b of [s.regret, s.successRate, s.sloAttainment, s.bestBackendRate]) inBand(b);
      expect(s.callsPerQuery).toBe(1); // feed-forward
      const share = Object.values(s.trafficShare).reduce((a, b) => a + b, 0);
      expect(share).toBeCloseTo(1, 12);
      expect(s.latency.p50).toBeLessThanOrEqual(s.latency.p95);
      expect(s.latency.p95).toBeLessThanOrEqual(s.latency.p99);
    }
  });

  it("keeps curves within the point budget, with cumulative regret never falling", () => {
    expect(r.curves.queries.length).toBeLessThanOrEqual(50);
    expect(r.curves.queries[r.curves.queries.length - 1]).toBe(ROUNDS);
    for (const name of r.order) {
      const c = r.curves.regret[name].mean;
      expect(c).toHaveLength(r.curves.queries.length);
      for (let i = 1; i < c.length; i++) expect(c[i]).toBeGreaterThanOrEqual(c[i - 1]);
      // Curves keep 4 significant digits: the last point is the total to that precision.
      expect(c[c.length - 1]).toBeCloseTo(r.strategies[name].regret.mean, -1);
    }
  });

  it("splits queries by type consistently with the totals", () => {
    const shares = Object.values(r.queryTypes).reduce((a, q) => a + q.share, 0);
    expect(shares).toBeCloseTo(1, 12);
    for (const name of r.order) {
      let queries = 0;
      let met = 0;
      for (const q of Object.values(r.queryTypes)) {
        const s = q.strategies[name];
        queries += s.queries;
        met += s.queries * s.sloAttainment.mean;
      }
      // The profiler's per-type records and the engine's totals count the same queries.
      expect(queries).toBe(ROUNDS);
      expect(met / ROUNDS).toBeCloseTo(r.strategies[name].sloAttainment.mean, 9);
    }
    for (const q of Object.values(r.queryTypes)) {
      expect(q.bestExpectedReward).toBe(Math.max(...Object.values(q.expectedReward)));
      expect(q.expectedReward[q.bestBackend]).toBe(q.bestExpectedReward);
    }
  });

  it("gives the oracle each type's best expected reward as SLO attainment, within binomial error", () => {
    // The oracle sends every query of type t to the backend whose request meets the SLO with
    // probability p_t (the default scenario is stationary and never near qdrant's capacity),
    // so its attainment on n_t queries is Binomial(n_t, p_t)/n_t: 5 sd = 5·√(p(1 − p)/n).
    for (const q of Object.values(r.queryTypes)) {
      const s = q.strategies.oracle;
      const p = q.bestExpectedReward;
      expect(Math.abs(s.sloAttainment.mean - p)).toBeLessThan(
        5 * Math.sqrt((p * (1 - p)) / s.queries) + 1 / s.queries,
      );
    }
  });

  it("writes one table row per strategy and per query type", () => {
    const totals = strategyTotalsMarkdown(r).trim().split("\n");
    expect(totals).toHaveLength(2 + r.order.length);
    for (const name of r.order) expect(totals.some((l) => l.startsWith(`| ${name} |`))).toBe(true);
    const types = queryTypeMarkdown(r).trim().split("\n");
    expect(types).toHaveLength(2 + Object.keys(r.queryTypes).length);
  });

  it("names every strategy inside each saved figure (saved SVGs keep no legend)", () => {
    for (const figure of [
      regretCurvesFigure,
      bestBackendCurvesFigure,
      strategyTotalsFigure,
      trafficShareFigure,
      queryTypeFigure,
    ]) {
      const svg = toStandaloneSvg(figure(r));
      expect(svg.startsWith("<svg")).toBe(true);
      expect(svg).toMatch(/<title>[^<]+<\/title>/);
      // The regret figure's log panel leaves out the oracle (0 regret); its linear one names it.
      for (const name of r.order) expect(svg, `${figure.name}: ${name}`).toContain(name);
    }
  });
});

describe("runStrategyComparison reproducibility", () => {
  it("gives the same result from the same seed, on worker threads or on this thread", async () => {
    const options = {
      scenario: SCENARIO,
      strategies: ["thompson", "rule-based", "oracle"],
      rounds: 1500,
      reps: 2,
      seed: 5,
      points: 20,
    };
    const strip = (x: StrategyComparisonResult) =>
      JSON.stringify({ ...x, wallMs: 0 }, (k, v) => (k === "wallMs" ? 0 : v));
    const a = await runStrategyComparison({ ...options, workers: 0 });
    const b = await runStrategyComparison({ ...options, workers: 2 });
    expect(strip(b)).toBe(strip(a));
  });

  it("rejects a baseline it does not run and more than 200 curve points", async () => {
    await expect(
      runStrategyComparison({ rounds: 10, strategies: ["thompson"], baseline: "rule-based" }),
    ).rejects.toThrow(/baseline "rule-based"/);
    await expect(runStrategyComparison({ rounds: 10, points: 201 })).rejects.toThrow(/points/);
  });

  it("plans more work in full mode than in quick mode", () => {
    const quick = strategyComparisonPlan({ quick: true });
    const full = strategyComparisonPlan({ quick: false });
    expect(quick.rounds * quick.reps).toBeLessThan(full.rounds * full.reps);
    expect(full.points).toBeLessThanOrEqual(200);
    expect(full.strategies).toEqual([...COMPARED_STRATEGIES]);
  });
});
