import { existsSync } from "node:fs";
import jStat from "jstat";
import { describe, expect, it } from "vitest";
import { simulateTrace } from "../../src/calibration/simulate-trace.js";
import {
  calibrationCdfFigure,
  calibrationPercentileFigure,
  calibrationQqFigure,
} from "../../src/plot/figures/calibration.js";
import { parseScenario } from "../../src/sim/scenario/parse.js";
import {
  CALIBRATION_MODEL_LABELS,
  calibrationFitMarkdown,
  calibrationPercentilesMarkdown,
  calibrationPlan,
  calibrationResult,
  calibrationTraceMarkdown,
  fitCalibrationModel,
  runCalibrationResimulation,
} from "../../src/studies/calibration/index.js";
import { readTrace } from "../../src/traces/read-trace.js";

/** Two lognormal backends with known parameters; relevance does not matter here. */
const SIGMA = { fast: 0.45, slow: 0.8 };
const known = parseScenario(
  {
    name: "known-lognormal",
    backends: {
      fast: {
        latencyMs: { type: "lognormal", mu: Math.log(10), sigma: SIGMA.fast },
        relevance: { default: { type: "constant", value: 1 } },
      },
      slow: {
        latencyMs: { type: "lognormal", mu: Math.log(80), sigma: SIGMA.slow },
        relevance: { default: { type: "constant", value: 1 } },
      },
    },
    workload: { mix: { q: 1 }, arrivals: { type: "poisson", qps: 50 } },
    slo: { latencyMs: 10_000, minRelevance: 0.5 },
  },
  "known-lognormal",
);
// A "measured" trace: 4,000 requests, about 2,000 per backend (uniform random routing).
const trace = simulateTrace({ scenario: known, rounds: 4000, seed: 21 });
const SIM_ROUNDS = 8000;
const resim = runCalibrationResimulation({ rows: trace, rounds: SIM_ROUNDS, seed: 22 });

/** The standard normal density at the p-quantile, φ(z_p). */
const phiAt = (p: number) => jStat.normal.pdf(jStat.normal.inv(p, 0, 1), 0, 1);

describe("calibrationPlan", () => {
  it("points at the measured trace and simulates less in quick mode", () => {
    const quick = calibrationPlan({ quick: true });
    const full = calibrationPlan({ quick: false });
    expect(existsSync(quick.traceFile)).toBe(true);
    expect(quick.rounds).toBeLessThan(full.rounds);
    expect(full.models).toEqual(["aic", "byQueryType", "empirical"]);
  });
});

describe("runCalibrationResimulation", () => {
  it("reproduces a lognormal trace's percentiles within their sampling error", () => {
    // The p-quantile of n lognormal(μ, σ) draws has relative standard error
    // σ·√(p(1 − p)/n) / φ(z_p) (delta method: se(q̂) = √(p(1−p)/n)/f(q), and q·f(q) = φ(z_p)/σ).
    // A simulated percentile differs from the trace's by the trace's sampling error, the
    // simulation's, and (for a fitted model) the fit's, which is at most the trace's (maximum
    // likelihood is more efficient than a sample quantile): √(2·se_trace² + se_sim²). The
    // empirical model resamples the trace's quantiles, so the same bound holds. Allow 4 of those
    // (two-sided 6e-5 per comparison).
    const counts = new Map<string, number>();
    for (const r of trace) counts.set(r.backend, (counts.get(r.backend) ?? 0) + 1);
    for (const model of ["aic", "empirical"] as const) {
      const run = resim.models.find((m) => m.model === model);
      expect(run?.comparisons).toHaveLength(2 * 4);
      for (const c of run?.comparisons ?? []) {
        const sigma = SIGMA[c.backend as keyof typeof SIGMA];
        const p = c.percentile / 100;
        const rel = (n: number) => (sigma * Math.sqrt((p * (1 - p)) / n)) / phiAt(p);
        const nTrace = counts.get(c.backend) as number;
        const nSim = SIM_ROUNDS / 2;
        const tolerance = 4 * Math.sqrt(2 * rel(nTrace) ** 2 + rel(nSim) ** 2);
        expect(
          Math.abs(Math.log1p(c.relativeError)),
          `${model} ${c.backend} p${c.percentile}`,
        ).toBeLessThan(tolerance);
      }
    }
    const aic = resim.models.find((m) => m.model === "aic");
    expect(aic?.families).toEqual({ fast: "lognormal", slow: "lognormal" });
    expect(resim.models.find((m) => m.model === "empirical")?.families).toEqual({
      fast: "empirical",
      slow: "empirical",
    });
  });

  it("is reproducible from the seed", () => {
    const again = runCalibrationResimulation({ rows: trace, rounds: SIM_ROUNDS, seed: 22 });
    expect(again.models).toEqual(resim.models);
  });
});

describe("tables and the results file", () => {
  const fit = fitCalibrationModel(trace, "aic");

  it("tabulates the trace, the candidate fits and the percentiles", () => {
    const overview = calibrationTraceMarkdown(trace).split("\n");
    expect(overview).toHaveLength(2 + 2);
    const fits = calibrationFitMarkdown(fit).split("\n");
    // Two backends × (three families + the empirical summary), each chosen once.
    expect(fits).toHaveLength(2 + 8);
    expect(fits.filter((l) => l.includes("✓"))).toHaveLength(2);
    const percentiles = calibrationPercentilesMarkdown(resim).split("\n");
    expect(percentiles).toHaveLength(2 + 8);
    for (const m of resim.models) expect(percentiles[0]).toContain(m.label);
  });

  it("condenses the fit and the re-simulation into a small JSON document", () => {
    const result = calibrationResult({
      settings: { quick: true, seed: 22 },
      traceFile: "/elsewhere/trace.csv",
      fit,
      resimulation: resim,
    });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(result.trace.file).toBe("/elsewhere/trace.csv");
    expect(Object.keys(result.fits)).toEqual(["fast", "slow"]);
    // Lognormal data: the AIC choice is lognormal and KS does not reject it. The KS p-value
    // is conservative with fitted parameters, so a false rejection at 0.001 has probability
    // below 0.001 per backend.
    expect(result.summary.aicWins).toEqual({ lognormal: 2 });
    expect(result.summary.parametricRejected).toBe(0);
    const empirical = result.resimulation.models.empirical;
    expect(empirical?.label).toBe(CALIBRATION_MODEL_LABELS.empirical);
    const errors = resim.models
      .find((m) => m.model === "empirical")
      ?.comparisons.map((c) => Math.abs(c.relativeError)) as number[];
    expect(empirical?.maxAbsRelativeError).toBeCloseTo(Math.max(...errors), 3);
    expect(empirical?.backends.slow.p99.observed).toBeGreaterThan(
      empirical?.backends.slow.p50.observed as number,
    );
    expect(result.fits.fast.families.lognormal.deltaAic).toBe(0);
  });

  it("renders figures with a title and labelled axes", () => {
    const figures = [
      calibrationQqFigure(fit),
      calibrationCdfFigure(fit),
      calibrationPercentileFigure(resim),
    ];
    for (const svg of figures) expect(svg).toMatch(/^<(svg|figure)/);
    expect(figures[0]).toContain("<title>QQ plots");
    expect(figures[0]).toContain("observed quantile (ms)");
    expect(figures[1]).toContain("latency (ms)");
    expect(figures[2]).toContain("simulated / trace latency");
  });
});

describe("on the measured sample trace", () => {
  it("fits every backend and compares every percentile", async () => {
    const plan = calibrationPlan({ quick: true });
    const { rows } = await readTrace(plan.traceFile);
    const sample = runCalibrationResimulation({
      rows,
      models: ["empirical"],
      rounds: 5000,
      seed: 1,
    });
    const fitted = fitCalibrationModel(rows);
    const result = calibrationResult({
      settings: { quick: true, seed: 1 },
      traceFile: plan.traceFile,
      fit: fitted,
      resimulation: sample,
    });
    expect(result.trace.file).toBe("data/traces/sample-measured.csv");
    expect(result.summary.backends).toBe(fitted.backends.length);
    expect(sample.models[0].comparisons).toHaveLength(fitted.backends.length * 4);
    expect(JSON.stringify(result).length).toBeLessThan(30_000);
  });
});
