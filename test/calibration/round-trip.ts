import {
  createStream,
  type RandomStream,
  sampleGamma,
  sampleMany,
  standardNormal,
} from "../../src/random/index.js";

/** Seeded draws from the three families, for round-trip tests. */
export const draw = {
  lognormal(rng: RandomStream, mu: number, sigma: number): number {
    return Math.exp(mu + sigma * standardNormal(rng));
  },
  gamma(rng: RandomStream, shape: number, scale: number): number {
    return scale * sampleGamma(rng, shape);
  },
  /** Inverse CDF: X = λ(−ln(1 − U))^(1/k). */
  weibull(rng: RandomStream, shape: number, scale: number): number {
    return scale * (-Math.log1p(-rng.next())) ** (1 / shape);
  },
};

/** n seeded draws from `family(a, b)`. */
export function seededSample(
  family: keyof typeof draw,
  a: number,
  b: number,
  n: number,
  seed: number,
): number[] {
  return sampleMany(createStream(seed, "calibration-test", family, a, b), n, (r) =>
    draw[family](r, a, b),
  );
}

/**
 * How many standard errors a check allows. An MLE is asymptotically normal with the inverse
 * Fisher information as covariance, so |θ̂ − θ| > 4.5·se has probability ≈ 6.8e-6 per check;
 * with fewer than 100 checks in the suite a false failure has probability below 1e-3.
 */
export const Z = 4.5;

/**
 * The delta-method sd of the method-of-moments concentration ĉ = m(1 − m)/v − 1 of a
 * Beta(α, β) sample of size n: sd(ĉ) ≤ |∂c/∂m|·sd(m̂) + |∂c/∂v|·sd(v̂), with ∂c/∂m = (1 − 2m)/v,
 * ∂c/∂v = −m(1 − m)/v², sd(m̂) = σ/√n and sd(v̂) = √((μ₄ − σ⁴)/n); the Beta's raw moments are
 * E[Xᵏ] = Π_{i<k} (α + i)/(α + β + i). (Adding the two terms bounds any correlation.)
 */
export function betaConcentrationSd(alpha: number, beta: number, n: number): number {
  const raw = (k: number) => {
    let p = 1;
    for (let i = 0; i < k; i++) p *= (alpha + i) / (alpha + beta + i);
    return p;
  };
  const m = raw(1);
  const v = raw(2) - m * m;
  const mu4 = raw(4) - 4 * m * raw(3) + 6 * m * m * raw(2) - 3 * m ** 4;
  return (
    (Math.abs(1 - 2 * m) / v) * Math.sqrt(v / n) +
    ((m * (1 - m)) / (v * v)) * Math.sqrt((mu4 - v * v) / n)
  );
}
