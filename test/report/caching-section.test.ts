import { describe, expect, it } from "vitest";
import { cachingSection } from "../../src/report/caching-section.js";
import { ReportBuilder } from "../../src/report/document.js";
import type { CachingStudyResult } from "../../src/studies/index.js";

const e = (mean: number) => ({ mean, lo: mean - 0.01, hi: mean + 0.01, sd: 0.01, n: 3 });
const outcome = (label: string, hit: number, slo: number, p50: number) => ({
  label,
  cacheHitRate: e(hit),
  sloAttainment: e(slo),
  latencyMeanMs: e(p50 * 1.5),
  latencyP50Ms: e(p50),
  latencyP99Ms: e(250),
});
const rate = (median: number) => ({ median, min: median * 0.9, max: median * 1.1 });

function result(bestRatio: number): CachingStudyResult {
  return {
    plan: {
      scenarioFile: "data/scenarios/cached.json",
      strategy: "thompson",
      rounds: 200_000,
      reps: 3,
      seed: 42,
      policies: ["lru", "fifo"],
      capacities: [100, 1000],
      ttlMs: 30_000,
      batch: { strategies: ["thompson"], batchSizes: [1, 10_000], runs: 5, timeMs: 200 },
    },
    claims: { cacheSpeedup: { low: 10, high: 100 }, batchThroughput: { low: 2, high: 5 } },
    catalogue: { distinctQueries: 10_000, zipfExponent: 0.8 },
    baseCache: { policy: "lru", capacity: 1000 },
    hitRates: [
      {
        policy: "lru",
        capacity: 100,
        share: 0.01,
        hitRate: e(0.1512),
        staleHitRate: e(0),
        sloAttainment: e(0.88),
      },
      {
        policy: "lru",
        capacity: 1000,
        share: 0.1,
        hitRate: e(0.4301),
        staleHitRate: e(0.02),
        sloAttainment: e(0.86),
      },
      {
        policy: "fifo",
        capacity: 1000,
        share: 0.1,
        hitRate: e(0.3877),
        staleHitRate: e(0),
        sloAttainment: e(0.89),
      },
    ],
    theory: [
      { capacity: 100, che: 0.1571, fifo: 0.1342 },
      { capacity: 1000, che: 0.4372, fifo: 0.3941 },
    ],
    withWithout: {
      without: outcome("no cache", 0, 0.8871, 29.4),
      with: outcome("lru 1000", 0.4301, 0.8634, 1.57),
      sloChange: { mean: -0.0237, lo: -0.041, hi: -0.0064, sd: 0.007, n: 3 },
    },
    staleness: [
      {
        policy: "lru",
        capacity: 1000,
        hitRate: e(0.4301),
        staleHitRate: e(0.0183),
        staleMetRate: e(0.018),
        staleCost: e(-0.0128),
        sloAttainment: e(0.8634),
      },
    ],
    speedup: {
      repeatedQueries: 17_231,
      hitLatencyMeanMs: 0.2,
      routedLatencyMeanMs: 42.3,
      repeatedMeanRatio: 211.5,
      repeatedMedianRatio: 116,
      workloadMeanRatio: 1.68,
      workloadP50Ratio: 18.7,
      workloadP99Ratio: 1.2,
    },
    batch: {
      source: "measured",
      measurement: {
        decisionsPerCall: 10_000,
        rows: [
          { strategy: "thompson", batchSize: 1, decisionsPerSecond: rate(1.05e6) },
          { strategy: "thompson", batchSize: 10_000, decisionsPerSecond: rate(1.14e6 * bestRatio) },
        ],
        oneAtATime: [{ strategy: "thompson", decisionsPerSecond: rate(1.14e6) }],
        fixedCostPerCallNs: 7.8,
        bestRatio: { thompson: bestRatio },
      },
      nsPerDecision: { thompson: 874 },
      ceiling: { thompson: 874 / (874 - 7.8) },
    },
  };
}

describe("cachingSection", () => {
  it("prints hit rates beside the approximations, both claims and why batching does not help, with their paths", () => {
    const r = cachingSection(new ReportBuilder(), { name: "11-caching.json", data: result(0.97) });
    const md = r.toMarkdown();
    expect(md).toContain("## Caching and batching");
    // A policy not run at a capacity is a dash, not a number.
    expect(md).toMatch(/\| 100 \| 15\.1 % \| — \| 15\.7 % \| 13\.4 % \|/);
    expect(md).toMatch(/\| 1,000 \| 43\.0 % \| 38\.8 % \| 43\.7 % \| 39\.4 % \|/);
    expect(md).toContain("“10–100× speedup for repeated queries”");
    expect(md).toContain("212×");
    expect(md).toContain("(above the claim;");
    expect(md).toContain("the mean below the claim");
    expect(md).toContain("“2–5× throughput”");
    expect(md).toContain("0.970× (thompson)");
    expect(md).toContain("Batching does not help in JavaScript");
    expect(md).toContain("7.8 ns of the 874 ns (thompson) a decision takes");
    expect(md).toMatch(/\| lru \| 43\.0 % \| 1\.8 % \| −1\.28 \| 86\.3 % \|/);
    const paths = r.provenanceList().map((p) => p.path);
    expect(paths).toContain("theory.1.che");
    expect(paths).toContain("speedup.repeatedMeanRatio");
    expect(paths).toContain("batch.measurement.fixedCostPerCallNs");
    expect(paths).toContain("claims.batchThroughput.low");
  });

  it("says batching reaches the claim, without the why, when it does", () => {
    const md = cachingSection(new ReportBuilder(), {
      name: "11-caching.json",
      data: result(2.5),
    }).toMarkdown();
    expect(md).toContain("Batching reaches the claim here.");
    expect(md).not.toContain("does not help");
  });
});
