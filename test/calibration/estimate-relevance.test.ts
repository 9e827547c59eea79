import fc from "fast-check";
import jStat from "jstat";
import { describe, expect, it } from "vitest";
import {
  estimateRelevance,
  MIN_BETA_SAMPLE,
  pooledConcentration,
} from "../../src/calibration/index.js";
import { createStream, sampleBeta, sampleMany } from "../../src/random/index.js";
import { BETA_SHAPE_MAX } from "../../src/sim/relevance/beta-bounds.js";
import { betaConcentrationSd } from "./round-trip.js";

describe("estimateRelevance", () => {
  it("matches the sample's mean and variance exactly (method of moments)", () => {
    const values = fc
      // Scores on a 1/1000 grid, as measured relevance is; subnormal gaps would underflow v.
      .array(
        fc.integer({ min: 0, max: 1000 }).map((k) => k / 1000),
        { minLength: 2, maxLength: 200 },
      )
      .filter((xs) => xs.some((x) => x !== 0 && x !== 1) && new Set(xs).size > 1);
    fc.assert(
      fc.property(values, (xs) => {
        const e = estimateRelevance(xs);
        expect(e.model.type).toBe("beta");
        if (e.model.type !== "beta") return;
        const a = e.model.alpha as number;
        const b = e.model.beta as number;
        // Two close values can ask for shapes beyond the scenario's limit: capped, and said.
        expect(Math.max(a, b)).toBeLessThanOrEqual(BETA_SHAPE_MAX * (1 + 1e-12));
        if (e.note?.includes("capped")) {
          expect(a / (a + b)).toBeCloseTo(xs.reduce((s, x) => s + x, 0) / xs.length, 9);
          return;
        }
        const n = xs.length;
        const mean = xs.reduce((s, x) => s + x, 0) / n;
        const v = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / n;
        expect(a / (a + b)).toBeCloseTo(mean, 9);
        expect((a * b) / ((a + b) ** 2 * (a + b + 1))).toBeCloseTo(v, 9);
      }),
    );
  });

  it("recovers Beta(2, 5) within a delta-method tolerance", () => {
    // Tolerance: 5 delta-method sds of ĉ = α̂ + β̂ (see betaConcentrationSd).
    const [alpha, beta, n] = [2, 5, 20_000];
    const xs = sampleMany(createStream(3, "relevance-beta"), n, (r) => sampleBeta(r, alpha, beta));
    const m = alpha / (alpha + beta);
    const v = (alpha * beta) / ((alpha + beta) ** 2 * (alpha + beta + 1));
    const sdC = betaConcentrationSd(alpha, beta, n);
    const e = estimateRelevance(xs);
    if (e.model.type !== "beta") throw new Error("expected a beta model");
    const c = (e.model.alpha as number) + (e.model.beta as number);
    expect(Math.abs(c - (alpha + beta))).toBeLessThan(5 * sdC);
    expect(Math.abs(e.mean - m)).toBeLessThan(5 * Math.sqrt(v / n));
    // The model keeps the success rate: P(X ≥ 0.7) under the fit, g(m̂, ĉ) = 1 − I₀.₇(m̂ĉ,
    // (1 − m̂)ĉ), against the observed rate; both estimate p = g(m, c) ≈ 0.011. Delta method:
    // sd(ĝ) ≤ |∂g/∂m|·sd(m̂) + |∂g/∂c|·sd(ĉ) ≈ 0.0006 (partials by central differences); the
    // observed rate's sd is √(p(1 − p)/n) ≈ 0.0007. Adding the two bounds any correlation.
    const g = (mean: number, conc: number) =>
      1 - jStat.beta.cdf(0.7, mean * conc, (1 - mean) * conc);
    const c0 = alpha + beta;
    const h = 1e-5;
    const dgdm = (g(m + h, c0) - g(m - h, c0)) / (2 * h);
    const dgdc = (g(m, c0 + h) - g(m, c0 - h)) / (2 * h);
    const sdModel = Math.abs(dgdm) * Math.sqrt(v / n) + Math.abs(dgdc) * sdC;
    const p = g(m, c0);
    const sdRate = Math.sqrt((p * (1 - p)) / n);
    expect(Math.abs(e.modelMeetsMinimum - e.meetsMinimum.rate)).toBeLessThan(
      5 * (sdModel + sdRate),
    );
  });

  it("uses Bernoulli for 0/1 scores, constant for one value, and Bernoulli on request", () => {
    expect(estimateRelevance([0, 1, 1, 1]).model).toEqual({ type: "bernoulli", p: 0.75 });
    expect(estimateRelevance([0.9, 0.9]).model).toEqual({ type: "constant", value: 0.9 });
    const e = estimateRelevance([0.2, 0.8, 0.9, 0.5], { model: "bernoulli", minRelevance: 0.7 });
    expect(e.model).toEqual({ type: "bernoulli", p: 0.5 });
    expect(e.modelMeetsMinimum).toBe(0.5);
  });

  it("pools a small sample's spread with a prior, keeping its mean, and says so", () => {
    // Two close values (a rarely chosen arm in a Thompson-sampling trace of default.json):
    // moments give c = m(1 − m)/v − 1 ≈ 20,500, beyond the limit of 10⁴.
    const xs = [0.6499097405938932, 0.6432343119363956];
    const m = (xs[0] + xs[1]) / 2;
    const ss = (xs[0] - m) ** 2 + (xs[1] - m) ** 2;
    expect((m * (1 - m)) / (ss / 2) - 1).toBeGreaterThan(BETA_SHAPE_MAX);
    const e = estimateRelevance(xs, { prior: { concentration: 20, from: "the prior" } });
    if (e.model.type !== "beta") throw new Error("expected a beta model");
    const a = e.model.alpha as number;
    const b = e.model.beta as number;
    // Pooled relative variance, ν₀ = MIN_BETA_SAMPLE − 1 = 9 prior degrees of freedom:
    // r = (ss/(m(1 − m)) + 9/(20 + 1))/(1 + 9), c = 1/r − 1.
    const r = (ss / (m * (1 - m)) + 9 / 21) / 10;
    expect(a + b).toBeCloseTo(1 / r - 1, 9);
    expect(a / (a + b)).toBeCloseTo(m, 12);
    expect(e.note).toMatch(/^2 values are too few.*pooled with the prior/);
    // Enough values keep their moments, prior or not.
    const many = Array.from({ length: MIN_BETA_SAMPLE }, (_, i) => 0.5 + i / 100);
    const own = estimateRelevance(many);
    expect(estimateRelevance(many, { prior: { concentration: 20, from: "p" } })).toEqual(own);
    expect(own.note).toBeUndefined();
    // Without a prior, a small sample keeps its moments up to the cap, and says both.
    const alone = estimateRelevance(xs);
    if (alone.model.type !== "beta") throw new Error("expected a beta model");
    expect(alone.model.alpha).toBeCloseTo(BETA_SHAPE_MAX, 6); // m > 1/2: α is the larger shape
    expect(alone.note).toMatch(/too few.*capped/);
  });

  it("pooledConcentration recovers a concentration shared by samples of different means", () => {
    // Two Beta samples with c = 12 and means 0.3 and 0.8. The pooled relative variance is the
    // df-weighted mean of the two samples' own, so its error is at most the larger single
    // sample's; 5 delta-method sds of ĉ for the worse sample (betaConcentrationSd) bound it.
    const c = 12;
    const n = 4000;
    const rng = createStream(7, "pooled-concentration");
    const a = sampleMany(rng, n, (r) => sampleBeta(r, 0.3 * c, 0.7 * c));
    const b = sampleMany(rng, n, (r) => sampleBeta(r, 0.8 * c, 0.2 * c));
    const sd = Math.max(betaConcentrationSd(0.3 * c, 0.7 * c, n), betaConcentrationSd(9.6, 2.4, n));
    const pooled = pooledConcentration([a, b, [0, 1, 1], [0.5], [0.4, 0.4]]) as number;
    expect(Math.abs(pooled - c)).toBeLessThan(5 * sd);
    // 0/1 samples, single values and constant samples say nothing about a Beta's spread.
    expect(pooledConcentration([[0, 1, 1], [0.5], [0.4, 0.4]])).toBeUndefined();
  });

  it("rejects empty input and scores outside [0, 1]", () => {
    expect(() => estimateRelevance([])).toThrow(RangeError);
    expect(() => estimateRelevance([0.5, 1.5])).toThrow(RangeError);
  });
});
