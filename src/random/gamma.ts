import { standardNormal } from "./normal.js";
import type { RandomStream } from "./stream.js";

/** Number of constants {@link gammaConstants} writes per shape. */
export const GAMMA_CONSTANTS = 3;

/**
 * Precomputes what {@link gammaFromConstants} needs for a shape, so a posterior that is
 * sampled many times between updates pays its square root and divisions once.
 *
 * @param shape k > 0
 * @param out where to write [d, c, 1/k for k < 1 else 0]
 * @param at offset in `out`
 */
export function gammaConstants(shape: number, out: Float64Array, at: number): void {
  const k = shape < 1 ? shape + 1 : shape;
  const d = k - 1 / 3;
  out[at] = d;
  out[at + 1] = 1 / Math.sqrt(9 * d);
  out[at + 2] = shape < 1 ? 1 / shape : 0;
}

/**
 * Draws from Gamma(k, 1) by Marsaglia & Tsang (2000) from precomputed constants, with the
 * shape < 1 boost Gamma(k) = Gamma(k + 1) · U^(1/k). Fed by ziggurat normals, the common
 * path computes no logarithm (the squeeze accepts ≈ 98 %).
 *
 * @param rng the seeded stream
 * @param k constants from {@link gammaConstants}
 * @param at their offset in `k`
 * @returns a draw from Gamma(shape, 1)
 */
export function gammaFromConstants(
  rng: RandomStream,
  k: Float64Array | readonly number[],
  at: number,
): number {
  const d = k[at];
  const c = k[at + 1];
  let g: number;
  for (;;) {
    let z: number;
    let v: number;
    do {
      z = standardNormal(rng);
      v = 1 + c * z;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    const z2 = z * z;
    if (u < 1 - 0.0331 * z2 * z2 || Math.log(u) < 0.5 * z2 + d * (1 - v + Math.log(v))) {
      g = d * v;
      break;
    }
  }
  const inv = k[at + 2];
  return inv !== 0 ? g * (1 - rng.next()) ** inv : g;
}

/**
 * Draws from Gamma(shape, 1).
 *
 * Why hand-written: Thompson sampling changes α and β on every draw, and d3-random's
 * `randomGamma(k)` builds a closure per parameter set; constructing one per draw costs more
 * than the draw itself. This per-call form takes the parameters as arguments.
 *
 * @param rng the seeded stream to draw from
 * @param shape k > 0
 * @returns a draw from Gamma(k, 1)
 * @throws {RangeError} when shape is not a positive finite number
 */
export function sampleGamma(rng: RandomStream, shape: number): number {
  if (!(shape > 0) || !Number.isFinite(shape)) {
    throw new RangeError(`gamma shape must be a positive finite number, got ${shape}`);
  }
  const k = shape < 1 ? shape + 1 : shape;
  const d = k - 1 / 3;
  return gammaFromConstants(rng, [d, 1 / Math.sqrt(9 * d), shape < 1 ? 1 / shape : 0], 0);
}
