import { sampleGamma } from "./gamma.js";
import type { RandomStream } from "./stream.js";

/**
 * Draws from Beta(α, β) as X / (X + Y) with X ~ Gamma(α), Y ~ Gamma(β); Beta(1, 1) is a
 * uniform draw. {@link BetaRound} draws the same numbers for a whole Thompson-sampling round.
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
