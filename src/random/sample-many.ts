import type { RandomStream } from "./stream.js";

/**
 * Draws `n` values from a sampler into an array, e.g. for a histogram.
 *
 * @param rng the seeded stream
 * @param n how many draws
 * @param sampler one draw from the stream
 * @returns the draws, in order
 * @example sampleMany(createStream(1, "demo"), 100, (r) => sampleBeta(r, 2, 2))
 */
export function sampleMany(
  rng: RandomStream,
  n: number,
  sampler: (rng: RandomStream) => number,
): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = sampler(rng);
  return out;
}
