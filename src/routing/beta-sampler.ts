import type { RandomStream } from "../random/index.js";
import { zigguratNormal } from "./ziggurat-normal.js";

/**
 * Draws from Gamma(shape, 1) by Marsaglia & Tsang (2000), fed by ziggurat normals.
 *
 * Why not src/random's `sampleGamma`: same algorithm, but its polar-method normal costs a log
 * per draw; with the ziggurat the common path has no log at all (the squeeze accepts ≈ 98 %).
 *
 * @param rng the seeded stream
 * @param shape k > 0 (callers guarantee it; the learned router validates priors)
 * @returns a draw from Gamma(k, 1)
 */
export function sampleGammaFast(rng: RandomStream, shape: number): number {
  if (shape < 1) {
    // Gamma(k) = Gamma(k + 1) · U^(1/k)
    return sampleGammaFast(rng, shape + 1) * (1 - rng.next()) ** (1 / shape);
  }
  const d = shape - 1 / 3;
  return gammaMt(rng, d, 1 / Math.sqrt(9 * d));
}

/** Number of constants {@link gammaConstants} writes per shape. */
export const GAMMA_CONSTANTS = 3;

/**
 * Precomputes what {@link sampleBetaPre} needs for a shape, so a posterior that is sampled
 * many times between updates pays its square root and divisions once.
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
 * Draws from Beta(α, β) = X / (X + Y) with constants from {@link gammaConstants} for α at
 * `at` and for β at `at + GAMMA_CONSTANTS`.
 *
 * Why one function for both gamma draws: it is the innermost call of a Thompson decision
 * (one per available backend), and one call instead of two keeps V8 from paying a call per
 * gamma draw when it does not inline them.
 *
 * @param rng the seeded stream
 * @param k the constants array
 * @param at offset of α's constants
 * @returns a draw in [0, 1]
 */
export function sampleBetaPre(rng: RandomStream, k: Float64Array, at: number): number {
  let x = 0;
  for (let j = 0; j < 2; j++) {
    const o = at + j * GAMMA_CONSTANTS;
    const d = k[o];
    const c = k[o + 1];
    let g: number;
    for (;;) {
      let z: number;
      let v: number;
      do {
        z = zigguratNormal(rng);
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
    const inv = k[o + 2];
    if (inv !== 0) g *= (1 - rng.next()) ** inv;
    if (j === 0) x = g;
    else return x / (x + g);
  }
  return x; // unreachable: the loop returns on its second pass
}

/** Marsaglia–Tsang for shape ≥ 1 given d = shape − 1/3 and c = 1/√(9d). */
function gammaMt(rng: RandomStream, d: number, c: number): number {
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = zigguratNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * Draws from Beta(a, b) exactly, as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b); Beta(1, 1)
 * is a uniform draw.
 *
 * Why: Thompson sampling draws one beta per available backend per decision, and with
 * src/random's `sampleBeta` (polar normals) sampling was over half of a decision's cost.
 *
 * @param rng the seeded stream
 * @param a α > 0
 * @param b β > 0
 * @returns a draw in [0, 1]
 * @example sampleBetaFast(createStream(1, "thompson"), 12, 30)
 */
export function sampleBetaFast(rng: RandomStream, a: number, b: number): number {
  if (a === 1 && b === 1) return rng.next();
  const x = sampleGammaFast(rng, a);
  const y = sampleGammaFast(rng, b);
  return x / (x + y);
}
