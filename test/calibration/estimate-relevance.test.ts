import fc from "fast-check";
import jStat from "jstat";
import { describe, expect, it } from "vitest";
import { estimateRelevance } from "../../src/calibration/index.js";
import { createStream, sampleBeta, sampleMany } from "../../src/random/index.js";
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

  it("rejects empty input and scores outside [0, 1]", () => {
    expect(() => estimateRelevance([])).toThrow(RangeError);
    expect(() => estimateRelevance([0.5, 1.5])).toThrow(RangeError);
  });
});
