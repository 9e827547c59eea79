import { describe, expect, it } from "vitest";
import { traceModel, tracePattern } from "../../src/analysis/trace-model.js";
import { simulateTrace } from "../../src/calibration/simulate-trace.js";
import { parseScenario, runSimulation } from "../../src/sim/index.js";

const scenario = parseScenario(
  {
    name: "two",
    backends: {
      k: {
        latencyMs: { type: "lognormal", median: 30, p99: 80 },
        relevance: {
          keyword: { type: "beta", mean: 0.9, concentration: 20 },
          vector: { type: "beta", mean: 0.3, concentration: 10 },
        },
      },
      v: {
        latencyMs: { type: "lognormal", median: 15, p99: 40 },
        relevance: {
          keyword: { type: "beta", mean: 0.2, concentration: 10 },
          vector: { type: "beta", mean: 0.9, concentration: 20 },
        },
      },
    },
    workload: { mix: { keyword: 0.5, vector: 0.5 }, arrivals: { type: "poisson", qps: 100 } },
    slo: { latencyMs: 200, minRelevance: 0.7 },
  },
  "two",
);

describe("traceModel", () => {
  const rows = simulateTrace({ scenario, rounds: 10_000, seed: 5 });
  const options = { sloMs: 200, minRelevance: 0.7, rounds: 2000, seed: 1 };

  it("fits the trace and replays its routing mix, naming the worst percentile error", () => {
    const m = traceModel(rows, options);
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    // Lognormal data, lognormal fit: the error is sampling noise of two p99s (the trace's,
    // ≈ 5,000 rows per backend, and the model's replay). A sample p99's relative sd is
    // √(0.99·0.01/n)·σ/φ(2.326) with σ = ln(80/30)/2.326 = 0.42: 0.022 at n = 5,000; the
    // difference of two has sd 0.031, and 5 sd is 0.16.
    expect(m.fitted.worstPercentileError).toBeLessThan(0.16);
    expect(m.fitted.worstAt).toMatch(/^(k|v) p\d+$/);
    expect(Object.keys(m.base.scenario.backends).sort()).toEqual(["k", "v"]);
    expect(typeof m.base.strategy).toBe("function");
  });

  it("names the column that would allow verification", () => {
    const noRelevance = rows.map(({ relevance: _, ...r }) => r);
    const m = traceModel(noRelevance, options);
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.reason).toMatch(/no relevance column/);
    const neither = noRelevance.map(({ queryType: _, ...r }) => r);
    const n = traceModel(neither, options);
    if (!n.ok) expect(n.reason).toMatch(/no query_type or relevance column/);
    expect(n.ok).toBe(false);
  });
});

describe("a multi-call trace's model", () => {
  it("runs the trace's own pattern and routes at the decisions' shares, not the hedges'", () => {
    // Every primary row goes to k, every hedge to v: the routing mix is k only.
    const rows = simulateTrace({ scenario, rounds: 3000, seed: 6 }).map((r, i) => ({
      ...r,
      pattern: "hedged:delay=p90",
      backend: i % 3 === 2 ? "v" : "k",
      primary: i % 3 !== 2,
    }));
    expect(tracePattern(rows)).toBe("hedged:delay=p90");
    expect(tracePattern([...rows, { ...rows[0], pattern: "chain" }])).toBeUndefined();
    expect(tracePattern(rows.map((r) => ({ ...r, pattern: "mystery" })))).toBeUndefined();
    const m = traceModel(rows, { sloMs: 200, minRelevance: 0.7, rounds: 500, seed: 1 });
    if (!m.ok) throw new Error(m.reason);
    expect(m.base.pattern).toBe("hedged:delay=p90");
    const run = runSimulation({ ...m.base, rounds: 2000 });
    // Decisions all go to k; v gets only the hedges, sent for the ≈ 10 % of queries slower
    // than k's p90: about 0.1/1.1 ≈ 9 % of requests. Routing by every row would give v a
    // third of the decisions, so more than a third of the requests.
    expect(run.totals.trafficShare.v).toBeGreaterThan(0);
    expect(run.totals.trafficShare.v).toBeLessThan(0.2);
  });
});
