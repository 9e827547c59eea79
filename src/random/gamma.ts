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
 * path computes no logarithm (the squeeze accepts ≈ 92 % of draws, measured).
 *
 * Why split in two: this function holds only the common path (one normal, one uniform, the
 * squeeze), so V8 inlines it into a Thompson decision and the draw is never boxed; the rest
 * of the algorithm is {@link gammaRest}, which continues from the same draws, so the numbers
 * are those of the one-function form.
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
  const z = standardNormal(rng);
  const w = 1 + k[at + 1] * z;
  if (w > 0 && k[at + 2] === 0) {
    const u = rng.next();
    const z2 = z * z;
    if (u < 1 - 0.0331 * z2 * z2) return k[at] * (w * w * w);
    return gammaRest(rng, k, at, z, u);
  }
  return gammaRest(rng, k, at, z, -1);
}

/**
 * Marsaglia & Tsang from a first normal `z` (and its uniform `u`, or −1 when not drawn yet):
 * the rejections, the logarithmic test and the shape < 1 boost.
 */
function gammaRest(
  rng: RandomStream,
  k: Float64Array | readonly number[],
  at: number,
  firstZ: number,
  firstU: number,
): number {
  const d = k[at];
  const c = k[at + 1];
  let z = firstZ;
  let u = firstU;
  for (;;) {
    const w = 1 + c * z;
    if (w > 0) {
      const v = w * w * w;
      if (u < 0) u = rng.next();
      const z2 = z * z;
      if (u < 1 - 0.0331 * z2 * z2 || Math.log(u) < 0.5 * z2 + d * (1 - v + Math.log(v))) {
        const g = d * v;
        const inv = k[at + 2];
        return inv !== 0 ? g * (1 - rng.next()) ** inv : g;
      }
    }
    z = standardNormal(rng);
    u = -1;
  }
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
