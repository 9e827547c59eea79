import { GAMMA_CONSTANTS, gammaFromConstants, sampleGamma } from "./gamma.js";
import type { RandomStream } from "./stream.js";

/**
 * Draws from Beta(α, β) as X / (X + Y) with X ~ Gamma(α), Y ~ Gamma(β); Beta(1, 1) is a
 * uniform draw.
 *
 * @param rng the seeded stream to draw from
 * @param alpha α > 0
 * @param beta β > 0
 * @returns a draw in [0, 1]
 * @throws {RangeError} when α or β is not positive
 * @example sampleBeta(createStream(1, "thompson"), 3, 5)
 */
export function sampleBeta(rng: RandomStream, alpha: number, beta: number): number {
  if (alpha === 1 && beta === 1) return rng.next();
  const x = sampleGamma(rng, alpha);
  const y = sampleGamma(rng, beta);
  return x / (x + y);
}

/**
 * Draws from Beta(α, β) with constants precomputed by `gammaConstants` for α at `at` and for
 * β at `at + GAMMA_CONSTANTS`: the innermost call of a Thompson decision (one per available
 * backend), so a posterior sampled many times between updates pays no square roots.
 *
 * @param rng the seeded stream
 * @param k the constants array
 * @param at offset of α's constants
 * @returns a draw in [0, 1]
 */
export function sampleBetaPre(rng: RandomStream, k: Float64Array, at: number): number {
  const x = gammaFromConstants(rng, k, at);
  const y = gammaFromConstants(rng, k, at + GAMMA_CONSTANTS);
  return x / (x + y);
}
