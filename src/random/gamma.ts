import { standardNormal } from "./normal.js";
import type { RandomStream } from "./stream.js";

/** Number of constants {@link gammaConstants} writes per shape. */
export const GAMMA_CONSTANTS = 4;

/**
 * Precomputes what {@link gammaFromConstants} needs for a shape, so a posterior that is
 * sampled many times between updates pays its square root and divisions once.
 *
 * @param shape k > 0
 * @param out where to write [d, c, 1/k for k < 1 else 0, 1/(108 d)] (see {@link squeezed})
 * @param at offset in `out`
 * @throws {RangeError} when the shape is not a finite number > 0
 */
export function gammaConstants(shape: number, out: Float64Array, at: number): void {
  // A shape ≤ 0 (or NaN) would make the sampler's acceptance loop run forever: fail instead.
  if (!(shape > 0 && shape < Number.POSITIVE_INFINITY)) {
    throw new RangeError(`gamma shape must be a positive finite number, got ${shape}`);
  }
  const k = shape < 1 ? shape + 1 : shape;
  const d = k - 1 / 3;
  out[at] = d;
  out[at + 1] = 1 / Math.sqrt(9 * d);
  out[at + 2] = shape < 1 ? 1 / shape : 0;
  out[at + 3] = 1 / (108 * d);
}

/**
 * Marsaglia & Tsang's acceptance test for the draw (z, u), with w = 1 + c·z > 0: accept
 * when ln u < z²/2 + d·(1 − w³ + 3 ln w).
 *
 * Why a squeeze of our own: the published one (u < 1 − 0.0331 z⁴) leaves ≈ 8 % of draws to
 * the two logarithms, whatever the shape. Writing x = c·z, the right-hand side is 3d·h(x)
 * with h(x) = ln(1 + x) − x + x²/2 − x³/3 = −∫₀ˣ t³/(1 + t) dt, so h(x) ≥ −x⁴/4 for x ≥ 0
 * (w ≥ 1) and h(x) ≥ −x⁴/(4w) for x < 0 (1 + t ≥ w on [x, 0]); and 3d·x⁴/4 = z⁴/(108 d).
 * With ln u ≤ u − 1, u < 1 − s·z⁴/(108 d) implies acceptance for s = 1 when w ≥ 1 and any
 * s ≥ 1/w when w < 1. s = (1 + |w − 1|)/w is both, and multiplied through by w the test
 * u·w < w − e·z⁴·(1 + |w − 1|) has no branch and no division (a min(1, w) measured 35 %
 * slower per Beta draw). It leaves ≈ 8 % of draws to the logarithms at shape 1 (as the
 * published one), ≈ 2 % at shape 3 and ≈ 0.1 % from shape 30 (measured), and its verdicts are
 * the exact test's, so the numbers do not change (a test compares with the published
 * squeeze draw by draw).
 *
 * @param z the normal draw
 * @param w 1 + c·z, positive
 * @param u the uniform draw
 * @param d the shape constant d
 * @param e 1/(108 d)
 * @returns whether the draw is accepted
 */
export function squeezed(z: number, w: number, u: number, d: number, e: number): boolean {
  const z2 = z * z;
  if (u * w < w - e * z2 * z2 * (1 + Math.abs(w - 1))) return true;
  const v = w * w * w;
  return Math.log(u) < 0.5 * z2 + d * (1 - v + Math.log(v));
}

/**
 * Draws from Gamma(k, 1) by Marsaglia & Tsang (2000) from precomputed constants, with the
 * shape < 1 boost Gamma(k) = Gamma(k + 1) · U^(1/k). Fed by ziggurat normals, the common
 * path computes no logarithm (see {@link squeezed}).
 *
 * @param rng the seeded stream
 * @param k constants from {@link gammaConstants}
 * @param at their offset in `k`
 * @returns a draw from Gamma(shape, 1)
 */
export function gammaFromConstants(rng: RandomStream, k: Float64Array, at: number): number {
  const d = k[at];
  const c = k[at + 1];
  let g: number;
  for (;;) {
    const z = standardNormal(rng);
    const w = 1 + c * z;
    if (w > 0 && squeezed(z, w, rng.next(), d, k[at + 3])) {
      g = d * (w * w * w);
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
  gammaConstants(shape, scratch, 0);
  return gammaFromConstants(rng, scratch, 0);
}

// sampleGamma's constants: reused, since a draw never starts another draw before it returns
// (A/B tests draw Betas by the ten thousand; a typed array per draw would be garbage).
const scratch = new Float64Array(GAMMA_CONSTANTS);
