import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  formatLoggedTrace,
  LOGGED_TRACE_COLUMNS,
  loadScenario,
  runLoggedSimulation,
  runSimulation,
} from "../../../src/sim/index.js";
import { parseTrace } from "../../../src/traces/index.js";
import type { TraceRow } from "../../../src/traces/trace-row.js";

const scenarios = join(import.meta.dirname, "../../../data/scenarios");

/** Runs one logged simulation and parses its trace back. */
function logged(file: string, strategy: string, pattern = "feed-forward", rounds = 3000) {
  const scenario = loadScenario(join(scenarios, file));
  const options = { scenario, strategy, pattern, rounds, seed: 11 };
  const { result, log } = runLoggedSimulation(options);
  const text = formatLoggedTrace(log, { minRelevance: scenario.slo.minRelevance });
  const { rows, summary } = parseTrace(text, { source: "logged.csv" });
  return { scenario, options, result, text, rows, summary };
}

describe("runLoggedSimulation", () => {
  it.each(["random", "thompson", "epsilon-greedy", "least-outstanding", "rule-based"])(
    "%s: logging changes no result",
    (strategy) => {
      // Thompson's estimates cost about 1 ms per decision (1,000 posterior draws).
      const rounds = strategy === "thompson" ? 800 : 3000;
      const { options, result } = logged("outage.json", strategy, "hedged:delay=p90", rounds);
      const plain = runSimulation(options);
      expect(result.totals).toEqual(plain.totals);
      expect(result.curves).toEqual(plain.curves);
      expect(result.router).toEqual(plain.router);
    },
  );

  it("writes every documented column, one primary row per routed query, its SLO outcome", () => {
    const { rows, summary, result } = logged("default.json", "random");
    expect(summary.columns).toEqual([...LOGGED_TRACE_COLUMNS]);
    expect(summary.ignoredColumns).toEqual([]);
    expect(rows).toHaveLength(3000);
    expect(new Set(rows.map((r) => r.queryId)).size).toBe(3000);
    for (const r of rows) {
      expect(r.primary).toBe(true);
      expect(r.pattern).toBe("feed-forward");
      expect(r.available).toEqual(["neo4j", "qdrant", "mem0", "inmemory", "hybrid"]);
      // Uniform over five: exact.
      expect(r.propensity).toBe(0.2);
      expect(r.query).toBeDefined();
      expect(r.cacheHit).toBeUndefined();
    }
    const met = rows.filter((r) => r.sloMet).length;
    expect(met / 3000).toBe(result.totals.sloAttainment);
    // Under a single-call pattern, the query's outcome is its one request's.
    const slo = { latency: 200, relevance: 0.7 };
    for (const r of rows) {
      const own = r.status === "ok" && r.relevance! >= slo.relevance && r.latencyMs <= slo.latency;
      expect(r.sloMet).toBe(own);
    }
  });

  it("propensities are over the backends available at the moment (outages hide some)", () => {
    const { rows } = logged("outage.json", "random", "feed-forward", 10_000);
    const sizes = new Set(rows.map((r) => r.available!.length));
    expect(sizes.size).toBeGreaterThan(1);
    for (const r of rows) {
      expect(r.available).toContain(r.backend);
      expect(r.propensity).toBeCloseTo(1 / r.available!.length, 15);
    }
  });

  it("ε-greedy's are exact: ε/n, or that plus 1 − ε on the greedy backend", () => {
    const { rows } = logged("default.json", "epsilon-greedy");
    const values = new Set(rows.map((r) => r.propensity));
    // ε = 0.1 over 5 available backends.
    expect([...values].sort()).toEqual([0.02, 0.92]);
  });

  it("thompson's are estimates in (0, 1], and a deterministic strategy's are 1", () => {
    const thompson = logged("default.json", "thompson", "feed-forward", 1500).rows;
    for (const r of thompson) {
      expect(r.propensity).toBeGreaterThan(0);
      expect(r.propensity).toBeLessThanOrEqual(1);
    }
    // Early on it explores: uncertain choices; later it is nearly sure of some.
    expect(thompson.slice(0, 50).some((r) => r.propensity! < 0.5)).toBe(true);
    expect(thompson.slice(-500).some((r) => r.propensity! > 0.9)).toBe(true);
    for (const r of logged("default.json", "rule-based").rows) expect(r.propensity).toBe(1);
  });

  it("under a multi-call pattern, `primary` marks the decision's own request", () => {
    const { rows, result } = logged("default.json", "random", "parallel:fanout=3", 2000);
    const byQuery = new Map<string, TraceRow[]>();
    for (const r of rows) byQuery.set(r.queryId!, [...(byQuery.get(r.queryId!) ?? []), r]);
    expect(byQuery.size).toBe(2000);
    expect(rows.length).toBe(Math.round(result.totals.callsPerQuery * 2000));
    for (const group of byQuery.values()) {
      const primary = group.filter((r) => r.primary);
      expect(primary).toHaveLength(1);
      expect(primary[0].propensity).toBe(0.2);
      for (const r of group) {
        if (!r.primary) expect(r.propensity).toBeUndefined();
        // The query's outcome, repeated on each of its rows.
        expect(r.sloMet).toBe(primary[0].sloMet);
      }
    }
  });

  it("is deterministic: the same seed writes the same trace", () => {
    expect(logged("drift.json", "thompson", "recursive", 500).text).toBe(
      logged("drift.json", "thompson", "recursive", 500).text,
    );
  });
});
