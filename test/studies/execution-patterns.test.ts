import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../src/lab/index.js";
import {
  callsPerQueryFigure,
  patternCdfFigure,
  patternPercentileFigure,
  qualityLatencyFigure,
} from "../../src/plot/figures/patterns.js";
import { toStandaloneSvg } from "../../src/plot/save.js";
import {
  type ExecutionPatternsResult,
  executionPatternsPlan,
  PATTERN_CASES,
  patternTableMarkdown,
  QUANTILE_GRID,
  runExecutionPatterns,
  tailAtScaleMarkdown,
} from "../../src/studies/execution-patterns/index.js";

const SCENARIO = join(projectRoot, "data/scenarios/default.json");
const ROUNDS = 20_000;
/** The default scenario's backends: fan-out to all sends this many requests per query. */
const BACKENDS = 5;

describe("runExecutionPatterns", () => {
  let r: ExecutionPatternsResult;
  beforeAll(async () => {
    r = await runExecutionPatterns({
      scenario: SCENARIO,
      rounds: ROUNDS,
      reps: 1,
      seed: 3,
      workers: 0,
    });
  });

  it("reports every pattern with ordered percentiles and monotone quantile curves", () => {
    expect(r.order).toEqual(PATTERN_CASES.map((c) => c.id));
    expect(r.quantiles.q).toEqual([...QUANTILE_GRID]);
    for (const id of r.order) {
      const p = r.patterns[id];
      expect(p.p50).toBeLessThanOrEqual(p.p90);
      expect(p.p90).toBeLessThanOrEqual(p.p95);
      expect(p.p95).toBeLessThanOrEqual(p.p99);
      expect(p.p99).toBeLessThanOrEqual(p.p999);
      expect(p.sloAttainment).toBeLessThanOrEqual(p.successRate);
      expect(p.meanRelevance).toBeGreaterThanOrEqual(0);
      expect(p.meanRelevance).toBeLessThanOrEqual(1);
      const ms = r.quantiles.ms[id];
      expect(ms).toHaveLength(QUANTILE_GRID.length);
      for (let i = 1; i < ms.length; i++) expect(ms[i]).toBeGreaterThanOrEqual(ms[i - 1]);
    }
  });

  it("counts the calls each pattern must make", () => {
    const p = r.patterns;
    expect(p["feed-forward"].callsPerQuery).toBe(1);
    expect(p["parallel-all"].callsPerQuery).toBe(BACKENDS);
    expect(p["parallel-first-k"].callsPerQuery).toBe(BACKENDS);
    expect(p["hedged-tied"].callsPerQuery).toBe(2);
    // Chain stops at a failed first stage; recursive and hedged add calls only sometimes.
    expect(p.chain.callsPerQuery).toBeLessThanOrEqual(2);
    expect(p.recursive.callsPerQuery).toBeGreaterThan(1);
    expect(p.recursive.callsPerQuery).toBeLessThanOrEqual(3);
    // First answer wins, the other four are cancelled: every query cancels exactly 4 unless
    // all but one failed first (failure probabilities ≤ 1 %).
    expect(p["parallel-first-k"].cancelledPerQuery).toBeGreaterThan(3.9);
    expect(p["feed-forward"].cancelledPerQuery).toBe(0);
  });

  it("caps the deadline pattern's latency at the SLO deadline (within the sketch's 1 %)", () => {
    expect(r.patterns["parallel-deadline"].p999).toBeLessThanOrEqual(r.slo.latencyMs * 1.01);
  });

  it("finds hedging after the p95 costing ≈ 5 % extra calls", () => {
    const h = r.tailAtScale.hedging;
    expect(h).not.toBeNull();
    if (h === null) return;
    expect(h.predictedExtraCalls).toBeCloseTo(0.05, 12);
    expect(h.measuredExtraCalls).toBeCloseTo(
      r.patterns["hedged-p95"].callsPerQuery - r.patterns["feed-forward"].callsPerQuery,
      12,
    );
    // A query is hedged iff its primary is slower than that backend's running p95 estimate.
    // Tolerance: binomial 5·√(0.05·0.95/20,000) = 0.0077; the sketch's 1 % relative error
    // moves P(X > q95) by ≤ x·f(x)·1 % ≈ φ(1.645)/σ·1 % ≤ 0.0015 for the backends' σ ≥ 0.69;
    // the running estimate's own noise, averaged over the run, by ≤ 2·√(0.0475/n_b) ≈ 0.0097
    // for the least-used backend (n_b ≈ 2,000 calls). Total 0.019.
    expect(Math.abs(h.measuredExtraCalls - h.predictedExtraCalls)).toBeLessThan(0.019);
  });

  it("finds wait-for-all fan-out slow with probability 1 − Π(1 − p_b)", () => {
    const f = r.tailAtScale.fanOut;
    expect(f).not.toBeNull();
    if (f === null) return;
    expect(f.fanout).toBe(BACKENDS);
    const product = Object.values(f.backendSlowFraction).reduce((a, p) => a * (1 - p), 1);
    expect(f.predicted).toBeCloseTo(1 - product, 12);
    // Binomial error of the measured share (5 sd) plus the sketch's bins: a query within 1 %
    // above the threshold counts as fast; P(t < max ≤ 1.01 t) ≤ Σ_b f_b(t)·t·1 % ≈ 0.002
    // (neo4j: φ(1.59)/0.94 · 1 % = 0.0012, the others less). Total 5·se + 0.003.
    expect(Math.abs(f.measured - f.predicted)).toBeLessThan(5 * f.standardError + 0.003);
    // Fan-out amplifies: more slow queries than with one request per query.
    expect(f.measured).toBeGreaterThan(f.baselineSlowFraction);
  });

  it("writes one table row per pattern and one per Tail at Scale check", () => {
    expect(patternTableMarkdown(r).trim().split("\n")).toHaveLength(2 + r.order.length);
    expect(tailAtScaleMarkdown(r).trim().split("\n")).toHaveLength(2 + 2);
  });

  it("names every pattern inside each saved figure (saved SVGs keep no legend)", () => {
    for (const figure of [
      patternPercentileFigure,
      patternCdfFigure,
      qualityLatencyFigure,
      callsPerQueryFigure,
    ]) {
      const svg = toStandaloneSvg(figure(r));
      expect(svg).toMatch(/<title>[^<]+<\/title>/);
      for (const id of r.order) {
        const label = r.patterns[id].label.replace(/&/g, "&amp;").replace(/</g, "&lt;");
        expect(svg, `${figure.name}: ${id}`).toContain(label);
      }
    }
  });
});

describe("runExecutionPatterns options", () => {
  const cases = PATTERN_CASES.filter((c) => c.id === "feed-forward" || c.id === "hedged-tied");

  it("gives the same result from the same seed, on worker threads or on this thread", async () => {
    const options = { scenario: SCENARIO, cases, rounds: 1500, reps: 2, seed: 9 };
    const strip = (x: ExecutionPatternsResult) =>
      JSON.stringify(x, (k, v) => (k === "wallMs" ? 0 : v));
    const a = await runExecutionPatterns({ ...options, workers: 0 });
    const b = await runExecutionPatterns({ ...options, workers: 2 });
    expect(strip(b)).toBe(strip(a));
  });

  it("skips a Tail at Scale check whose cases were not run, and rejects duplicate ids", async () => {
    const r = await runExecutionPatterns({
      scenario: SCENARIO,
      cases,
      rounds: 500,
      reps: 1,
      workers: 0,
    });
    expect(r.tailAtScale.hedging).toBeNull();
    expect(r.tailAtScale.fanOut).toBeNull();
    expect(tailAtScaleMarkdown(r)).toMatch(/^No check/);
    await expect(
      runExecutionPatterns({ scenario: SCENARIO, cases: [cases[0], cases[0]], rounds: 10 }),
    ).rejects.toThrow(/unique/);
  });

  it("plans more work in full mode than in quick mode", () => {
    const quick = executionPatternsPlan({ quick: true });
    const full = executionPatternsPlan({ quick: false });
    expect(quick.rounds * quick.reps).toBeLessThan(full.rounds * full.reps);
    expect(full.cases.map((c) => c.id)).toEqual(PATTERN_CASES.map((c) => c.id));
  });
});
