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
