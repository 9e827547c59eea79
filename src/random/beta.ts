import { GAMMA_CONSTANTS, gammaRest, sampleGamma } from "./gamma.js";
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
 * Draws from Beta(α, β) with constants precomputed by `gammaConstants` for α at `at` and for
 * β at `at + GAMMA_CONSTANTS`: the innermost call of a Thompson decision (one per available
 * backend), so a posterior sampled many times between updates pays no square roots.
 *
 * The numbers are exactly those of `gammaFromConstants` for α then β (a test checks).
 * Why written out: through `rng.nextUint32()` every draw loads and stores the generator's
 * state in memory, and the two gamma draws (≈ 4 generator steps) cost ≈ 60 ns; with the state
 * copied into locals for the burst, the common path (ziggurat rectangle, squeeze accepted)
 * stays in registers and costs ≈ 20 ns (measured in a replica of this loop). Anything rarer
 * writes the state back and continues in the general code from the same draws.
 *
 * @param rng the seeded stream
 * @param k the constants array
 * @param at offset of α's constants
 * @returns a draw in [0, 1]
 */
export function sampleBetaPre(rng: RandomStream, k: Float64Array, at: number): number {
  const st = rng.s;
  let a = st[0];
  let b = st[1];
  let c = st[2];
  let d = st[3];
  let x = 0;
  for (let h = 0; h < 2; h++) {
    const o = at + h * GAMMA_CONSTANTS;
    // sfc32 step, as RandomStream.nextUint32.
    let t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (((c << 21) | (c >>> 11)) + t) | 0;
    const first = t >>> 0;
    const j = first >>> 8;
    const lo = first & 0xff;
    let z = Number.NaN;
    let u = -1;
    let g = Number.NaN;
    if (j < KN_BY_BYTE[lo]) {
      z = j * SIGNED_WN[lo];
      const w = 1 + k[o + 1] * z;
      if (w > 0 && k[o + 2] === 0) {
        t = (((a + b) | 0) + d) | 0;
        d = (d + 1) | 0;
        a = b ^ (b >>> 9);
        b = (c + (c << 3)) | 0;
        c = (((c << 21) | (c >>> 11)) + t) | 0;
        u = (t >>> 0) / 4294967296;
        const z2 = z * z;
        if (u < 1 - 0.0331 * z2 * z2) g = k[o] * (w * w * w);
      }
    }
    if (Number.isNaN(g)) {
      // Rare: hand the draws made so far to the general code, then take the state back.
      st[0] = a;
      st[1] = b;
      st[2] = c;
      st[3] = d;
      if (Number.isNaN(z)) z = normalSlow(rng, first);
      g = gammaRest(rng, k, o, z, u);
      a = st[0];
      b = st[1];
      c = st[2];
      d = st[3];
    }
    if (h === 0) x = g;
    else x = x / (x + g);
  }
  st[0] = a;
  st[1] = b;
  st[2] = c;
  st[3] = d;
  return x;
}
