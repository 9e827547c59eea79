import { standardNormal } from "./normal.js";
import type { RandomStream } from "./stream.js";

/**
 * Draws from Gamma(shape, 1) by Marsaglia & Tsang (2000), with the shape < 1 boost.
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
  if (shape < 1) {
    // Gamma(k) = Gamma(k + 1) · U^(1/k)
    const u = rng.next();
    return sampleGamma(rng, shape + 1) * u ** (1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}
