import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { profileTrace } from "../../src/profiling/profile-trace.js";
import { formatLoggedTrace, loadScenario, runLoggedSimulation } from "../../src/sim/index.js";

const scenarios = join(import.meta.dirname, "../../data/scenarios");
const dir = mkdtempSync(join(tmpdir(), "profile-trace-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Simulates one logged run, writes its trace and profiles it. */
async function simulatedThenProfiled(file: string, pattern: string, rounds: number) {
  const scenario = loadScenario(join(scenarios, file));
  const { result, log } = runLoggedSimulation({
    scenario,
    strategy: "random",
    pattern,
    rounds,
    seed: 5,
  });
  const path = join(dir, `${file}-${pattern.replace(/[:,=]/g, "_")}.csv`);
  writeFileSync(path, formatLoggedTrace(log, { minRelevance: scenario.slo.minRelevance }));
  const traced = await profileTrace(path, { minRelevance: scenario.slo.minRelevance });
  return { result, log, traced, report: traced.profiler.report({ wallTime: false }) };
}

describe("profileTrace on a simulated multi-call trace", () => {
  it("hedged: one query per simulated query, the simulator's SLO attainment and latency", async () => {
    const rounds = 4000;
    const { result, log, traced, report } = await simulatedThenProfiled(
      "default.json",
      "hedged:delay=p90",
      rounds,
    );
    expect(log.size).toBeGreaterThan(rounds); // hedges were sent: more rows than queries
    expect(traced.parse.rows).toBe(log.size);
    expect(report.queries.count).toBe(rounds);
    expect(report.calls.count).toBe(log.size);
    // slo_met is the simulator's own outcome per query: the same count, so the same rate.
    expect(report.queries.successRate).toBe(result.totals.sloAttainment);
    // Query latency (first request's start to the first answer) is the simulator's, both in
    // DDSketches of relative accuracy α = 1 %: each quantile is within α of the same order
    // statistic, so the two are within (1 + α)/(1 − α) − 1 ≈ 2.03 % of each other.
    const tol = 1.01 / 0.99 - 1;
    for (const k of ["p50", "p95", "p99"] as const) {
      const sim = result.totals.latency[k];
      expect(Math.abs(report.queries[k] - sim) / sim).toBeLessThanOrEqual(tol);
    }
    expect(traced.source.notes?.[0]).toMatch(/^4,000 queries in [\d,]+ rows/);
  });

  it("with a result cache: cache hits have no row, so queries = simulated − hits", async () => {
    const rounds = 4000;
    const { result, report } = await simulatedThenProfiled(
      "cached.json",
      "parallel:fanout=2,rule=first-k",
      rounds,
    );
    const hits = Math.round(result.totals.cacheHitRate * rounds);
    expect(hits).toBeGreaterThan(0);
    expect(report.queries.count).toBe(rounds - hits);
    expect(report.calls.count).toBeGreaterThan(report.queries.count);
  });
});
