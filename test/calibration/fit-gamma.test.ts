import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  fitGamma,
  fitLognormal,
  fitWeibull,
  type LatencyDistribution,
  logLikelihood,
} from "../../src/calibration/index.js";
import { seededSample, Z } from "./round-trip.js";

// Round trips: draw n values with known parameters, fit, and require each estimate within
// Z standard errors of the truth. The standard errors are the asymptotic ones from the Fisher
// information (derived in each fit's JSDoc), restated below at the TRUE parameters:
//   lognormal: se(μ) = σ/√n, se(σ) = σ/√(2n)
//   gamma:     se(k) = √(k/(n(kψ′(k) − 1))), se(θ) = θ√(ψ′(k)/(n(kψ′(k) − 1)))
//   Weibull:   se(k) = k√(6/(π²n)), se(λ) = (λ/k)√((1 + 6(1 − γ)²/π²)/n)
// The MLE's bias is O(1/n), negligible next to se = O(1/√n) at n = 5000. A separate Monte
// Carlo test checks the formulas themselves against the spread of repeated fits.
const N = 5000;

describe("fitLognormal", () => {
  for (const [mu, sigma] of [
    [Math.log(45), 0.8],
    [Math.log(12), 0.3],
    [0, 1.5],
  ]) {
    it(`recovers μ = ${mu.toFixed(3)}, σ = ${sigma} from ${N} draws`, () => {
      const xs = seededSample("lognormal", mu, sigma, N, 1);
      const { distribution: d } = fitLognormal(xs);
      expect(Math.abs(d.mu - mu)).toBeLessThan((Z * sigma) / Math.sqrt(N));
      expect(Math.abs(d.sigma - sigma)).toBeLessThan((Z * sigma) / Math.sqrt(2 * N));
    });
  }
});

describe("fitGamma", () => {
  for (const [shape, scale] of [
    [0.5, 20],
    [2, 10],
    [9, 2],
    [50, 0.5],
  ]) {
    it(`recovers k = ${shape}, θ = ${scale} from ${N} draws`, () => {
      const xs = seededSample("gamma", shape, scale, N, 2);
      const fit = fitGamma(xs);
      const se = trueSe({ family: "gamma", shape, scale });
      expect(Math.abs(fit.distribution.shape - shape)).toBeLessThan(Z * se.shape);
      expect(Math.abs(fit.distribution.scale - scale)).toBeLessThan(Z * se.scale);
      expect(fit.iterations).toBeLessThan(10);
    });
  }
});

describe("fitWeibull", () => {
  for (const [shape, scale] of [
    [0.7, 30],
    [1.5, 30],
    [4, 8],
  ]) {
    it(`recovers k = ${shape}, λ = ${scale} from ${N} draws`, () => {
      const xs = seededSample("weibull", shape, scale, N, 3);
      const fit = fitWeibull(xs);
      const se = trueSe({ family: "weibull", shape, scale });
      expect(Math.abs(fit.distribution.shape - shape)).toBeLessThan(Z * se.shape);
      expect(Math.abs(fit.distribution.scale - scale)).toBeLessThan(Z * se.scale);
    });
  }
});

/** The fits' standard-error formulas evaluated at the true parameters (n = N). */
function trueSe(d: LatencyDistribution & { shape: number; scale: number }): {
  shape: number;
  scale: number;
} {
  const { shape: k, scale } = d;
  if (d.family === "gamma") {
    const t = trigammaOf(k);
    const denom = N * (k * t - 1);
    return { shape: Math.sqrt(k / denom), scale: Math.sqrt((scale * scale * t) / denom) };
  }
  const g = 1 - 0.5772156649015329;
  const pi2 = Math.PI * Math.PI;
  return {
    shape: k * Math.sqrt(6 / (pi2 * N)),
    scale: (scale / k) * Math.sqrt((1 + (6 * g * g) / pi2) / N),
  };
}

/** ψ′(k) by its series Σ 1/(k + j)², summed to j = 10⁶ with the tail ∫ ≈ 1/(k + 10⁶): an
 * independent check on the library's trigamma rather than a reuse of it. */
function trigammaOf(k: number): number {
  let s = 0;
  const J = 1_000_000;
  for (let j = 0; j < J; j++) s += 1 / ((k + j) * (k + j));
  return s + 1 / (k + J - 0.5);
}

describe("standard errors", () => {
  // R fits of independent samples of size n: the sample sd of the R estimates should match
  // the asymptotic se. The sd of a sample sd is ≈ sd/√(2R) = 5 % at R = 200 (normal case);
  // 4.5 of those is 22 %, and at n = 400 the finite-sample departure is a few percent more,
  // so the check allows 30 %.
  const R = 200;
  const n = 400;
  const spread = (values: number[]): number => {
    const m = values.reduce((a, b) => a + b, 0) / values.length;
    return Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / (values.length - 1));
  };
  const cases = [
    { family: "lognormal", a: 2, b: 0.8, fit: fitLognormal, keys: ["mu", "sigma"] },
    { family: "gamma", a: 2, b: 10, fit: fitGamma, keys: ["shape", "scale"] },
    { family: "weibull", a: 1.5, b: 30, fit: fitWeibull, keys: ["shape", "scale"] },
  ] as const;
  for (const c of cases) {
    it(`match the spread of repeated ${c.family} fits`, () => {
      const estimates: number[][] = [[], []];
      const ses: number[][] = [[], []];
      for (let r = 0; r < R; r++) {
        const fit = c.fit(seededSample(c.family, c.a, c.b, n, 100 + r));
        const d = fit.distribution as unknown as Record<string, number>;
        const se = fit.standardErrors as Record<string, number>;
        c.keys.forEach((key, i) => {
          estimates[i].push(d[key]);
          ses[i].push(se[key]);
        });
      }
      for (let i = 0; i < 2; i++) {
        const meanSe = ses[i].reduce((a, b) => a + b, 0) / R;
        expect(Math.abs(spread(estimates[i]) / meanSe - 1)).toBeLessThan(0.3);
      }
    });
  }
});

describe("maximum likelihood", () => {
  // Invariant: the fitted parameters maximise the likelihood, so any perturbation lowers it.
  const sample = fc.array(fc.double({ min: 0.01, max: 1000, noNaN: true }), {
    minLength: 5,
    maxLength: 60,
  });
  const factor = fc
    .double({ min: 0.9, max: 1.1, noNaN: true })
    .filter((f) => Math.abs(f - 1) > 1e-4);

  it("no nearby parameters have a higher likelihood", () => {
    fc.assert(
      fc.property(sample, factor, factor, (xs, f1, f2) => {
        fc.pre(new Set(xs).size > 2);
        for (const fit of [fitLognormal(xs), fitGamma(xs), fitWeibull(xs)]) {
          const d = fit.distribution as LatencyDistribution & Record<string, number>;
          const best = logLikelihood(d, xs);
          const keys = d.family === "lognormal" ? ["mu", "sigma"] : ["shape", "scale"];
          const moved = { ...d, [keys[0]]: d[keys[0]] * f1, [keys[1]]: d[keys[1]] * f2 };
          const tol = 1e-9 * Math.abs(best);
          expect(logLikelihood(moved as LatencyDistribution, xs)).toBeLessThanOrEqual(best + tol);
        }
      }),
    );
  });

  it("is scale-equivariant: fitting c·x scales the fitted scale by c", () => {
    fc.assert(
      fc.property(sample, fc.double({ min: 0.01, max: 100, noNaN: true }), (xs, c) => {
        fc.pre(new Set(xs).size > 2);
        const scaled = xs.map((x) => x * c);
        const ln = [fitLognormal(xs).distribution, fitLognormal(scaled).distribution];
        expect(ln[1].mu).toBeCloseTo(ln[0].mu + Math.log(c), 8);
        expect(ln[1].sigma).toBeCloseTo(ln[0].sigma, 8);
        for (const fitter of [fitGamma, fitWeibull]) {
          const a = fitter(xs).distribution;
          const b = fitter(scaled).distribution;
          expect(Math.abs(b.shape / a.shape - 1)).toBeLessThan(1e-8);
          expect(Math.abs(b.scale / (a.scale * c) - 1)).toBeLessThan(1e-8);
        }
      }),
    );
  });

  it("rejects non-positive, non-finite, constant and too-short samples", () => {
    for (const fitter of [fitLognormal, fitGamma, fitWeibull]) {
      expect(() => fitter([1, 0, 2])).toThrow(/positive/);
      expect(() => fitter([1, Number.POSITIVE_INFINITY])).toThrow(/positive/);
      expect(() => fitter([3, 3, 3])).toThrow(/not all equal/);
      expect(() => fitter([3])).toThrow(/at least 2/);
    }
  });
});
