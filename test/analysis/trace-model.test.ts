import { describe, expect, it } from "vitest";
import { traceModel } from "../../src/analysis/trace-model.js";
import { simulateTrace } from "../../src/calibration/simulate-trace.js";
import { parseScenario } from "../../src/sim/index.js";

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
