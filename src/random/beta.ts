import { GAMMA_CONSTANTS, sampleGamma, squeezed } from "./gamma.js";
import { KN_BY_BYTE, normalSlow, SIGNED_WN } from "./normal.js";
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
 * One Thompson-sampling round: a Beta draw for each of `n` posteriors whose gamma-sampler
 * constants (from `gammaConstants`, α's then β's) start at `at[i]` in `k`, or a uniform draw
 * (Beta(1, 1)) where `at[i]` is −1. Writes the draws to `out` and returns the index of the
 * largest (the first on ties).
 *
 * The numbers are exactly those of `rng.next()` and `gammaFromConstants` for α then β, in
 * order (a test checks). Why written out: through `rng.nextUint32()` every generator step
 * loads and stores the state in memory, and a Beta draw (two gammas, ≈ 4 steps) cost ≈ 60 ns;
 * with the state copied into locals for the whole round, the common path (ziggurat
 * rectangle, squeeze accepted) stays in registers, ≈ 20 ns per draw, and the draws are not
 * boxed as return values. The acceptance test is `squeezed`, shared with gammaFromConstants;
 * the shape < 1 boost is inline too. Only the ziggurat's wedges and tail (≈ 1–3 % of normals)
 * run on the stream itself, with the state written back around them.
 *
 * @param rng the seeded stream
 * @param k the constants array
 * @param at per posterior, the offset of α's constants, or −1 for a uniform draw
 * @param n the number of posteriors
 * @param out receives the n draws, each in [0, 1]
 * @returns the index of the largest draw
 */
export function sampleBetasPre(
  rng: RandomStream,
  k: Float64Array,
  at: Int32Array,
  n: number,
  out: number[],
): number {
  const st = rng.s;
  let s0 = st[0];
  let s1 = st[1];
  let s2 = st[2];
  let s3 = st[3];
  let best = -1;
  let bestI = 0;
  for (let i = 0; i < n; i++) {
    const base = at[i];
    let x = 0;
    for (let h = 0; h < 2; h++) {
      // sfc32 step (as RandomStream.nextUint32; repeated below, see the comment above).
      let t = (((s0 + s1) | 0) + s3) | 0;
      s3 = (s3 + 1) | 0;
      s0 = s1 ^ (s1 >>> 9);
      s1 = (s2 + (s2 << 3)) | 0;
      s2 = (((s2 << 21) | (s2 >>> 11)) + t) | 0;
      if (base < 0) {
        x = (t >>> 0) / 4294967296; // Beta(1, 1)
        break;
      }
      const o = base + h * GAMMA_CONSTANTS;
      const mtD = k[o];
      const mtC = k[o + 1];
      let g: number;
      // Marsaglia & Tsang, as gammaFromConstants: `t` holds the normal's 32-bit draw.
      for (;;) {
        const first = t >>> 0;
        const j = first >>> 8;
        const lo = first & 0xff;
        let z: number;
        if (j < KN_BY_BYTE[lo]) z = j * SIGNED_WN[lo];
        else {
          // The ziggurat's rare paths run on the stream itself.
          st[0] = s0;
          st[1] = s1;
          st[2] = s2;
          st[3] = s3;
          z = normalSlow(rng, first);
          s0 = st[0];
          s1 = st[1];
          s2 = st[2];
          s3 = st[3];
        }
        const w = 1 + mtC * z;
        if (w > 0) {
          t = (((s0 + s1) | 0) + s3) | 0;
          s3 = (s3 + 1) | 0;
          s0 = s1 ^ (s1 >>> 9);
          s1 = (s2 + (s2 << 3)) | 0;
          s2 = (((s2 << 21) | (s2 >>> 11)) + t) | 0;
          if (squeezed(z, w, (t >>> 0) / 4294967296, mtD, k[o + 3])) {
            g = mtD * (w * w * w);
            break;
          }
        }
        t = (((s0 + s1) | 0) + s3) | 0;
        s3 = (s3 + 1) | 0;
        s0 = s1 ^ (s1 >>> 9);
        s1 = (s2 + (s2 << 3)) | 0;
        s2 = (((s2 << 21) | (s2 >>> 11)) + t) | 0;
      }
      const inv = k[o + 2];
      if (inv !== 0) {
        t = (((s0 + s1) | 0) + s3) | 0;
        s3 = (s3 + 1) | 0;
        s0 = s1 ^ (s1 >>> 9);
        s1 = (s2 + (s2 << 3)) | 0;
        s2 = (((s2 << 21) | (s2 >>> 11)) + t) | 0;
        g *= (1 - (t >>> 0) / 4294967296) ** inv; // shape < 1: the boost
      }
      x = h === 0 ? g : x / (x + g);
    }
    out[i] = x;
    if (x > best) {
      best = x;
      bestI = i;
    }
  }
  st[0] = s0;
  st[1] = s1;
  st[2] = s2;
  st[3] = s3;
  return bestI;
}
