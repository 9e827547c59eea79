import type { RandomStream } from "./stream.js";

/**
 * Draws a standard normal variate by the Marsaglia polar method.
 *
 * Why hand-written: d3-random's `randomNormal` fixes μ and σ in a closure; the gamma sampler
 * below needs a standard normal per call, and this avoids a closure call per draw.
 *
 * @param rng the seeded stream to draw from
 * @returns a draw from N(0, 1)
 */
export function standardNormal(rng: RandomStream): number {
  let u: number;
  let v: number;
  let s: number;
  do {
    u = 2 * rng.next() - 1;
    v = 2 * rng.next() - 1;
    s = u * u + v * v;
  } while (s >= 1 || s === 0);
  return u * Math.sqrt((-2 * Math.log(s)) / s);
}
