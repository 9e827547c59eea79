import type { RandomStream } from "./stream.js";

// Marsaglia & Tsang (2000) ziggurat with 128 layers: R is the base layer's right edge and V
// each layer's area. Positions use 24 bits of one 32-bit draw, the layer index 7 other bits
// and the sign the last one, so index and position are independent (the original shares bits
// between them, a known source of correlation; Doornik 2005).
const LAYERS = 128;
/** The ziggurat's base-strip edge R: its tail draws start here (bounds on draws use it). */
export const ZIGGURAT_R = 3.442619855899;
const R = ZIGGURAT_R;
const V = 9.91256303526217e-3;
const M = 2 ** 24;
// The layers' bounds, widths and densities; exported for BetaRound, which copies them into
// its WebAssembly memory so its rare paths compute with the same numbers.
export const KN = new Uint32Array(LAYERS);
export const WN = new Float64Array(LAYERS);
export const FN = new Float64Array(LAYERS);
{
  let dn = R;
  let tn = dn;
  const q = V / Math.exp(-0.5 * dn * dn);
  KN[0] = Math.floor((dn / q) * M);
  KN[1] = 0;
  WN[0] = q / M;
  WN[LAYERS - 1] = dn / M;
  FN[0] = 1;
  FN[LAYERS - 1] = Math.exp(-0.5 * dn * dn);
  for (let i = LAYERS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(V / dn + Math.exp(-0.5 * dn * dn)));
    KN[i + 1] = Math.floor((dn / tn) * M);
    tn = dn;
    FN[i] = Math.exp(-0.5 * dn * dn);
    WN[i] = dn / M;
  }
}

// The fast path indexed by the low 8 bits of the draw (layer and sign): the signed width and
// the layer's bound, so the common case is one compare and one multiply, with no branch on the
// sign (−(j·w) and j·(−w) are the same double).
export const SIGNED_WN = Float64Array.from({ length: 2 * LAYERS }, (_, i) =>
  i & LAYERS ? -WN[i & (LAYERS - 1)] : WN[i & (LAYERS - 1)],
);
export const KN_BY_BYTE = Uint32Array.from({ length: 2 * LAYERS }, (_, i) => KN[i & (LAYERS - 1)]);

/**
 * Draws a standard normal variate by the ziggurat method: one 32-bit draw and a table compare
 * on ≈ 98.8 % of calls, with an exact slow path (wedges and the tail) on the rest.
 *
 * Why hand-written: d3-random's `randomNormal` (and the polar method) needs two uniforms, a
 * log and a square root per draw; Thompson sampling needs two gamma draws (so two normals)
 * per backend per decision, and the log dominated the decision's cost. Why the slow path is a
 * separate function: this one stays small enough for V8 to inline into the gamma sampler, so
 * the draw is not boxed as a heap number on return (measured ≈ 14 → 6 ns per draw).
 *
 * @param rng the seeded stream
 * @returns a draw from N(0, 1)
 * @example standardNormal(createStream(1, "normal"))
 */
export function standardNormal(rng: RandomStream): number {
  const u = rng.nextUint32();
  const j = u >>> 8;
  const b = u & 0xff;
  return j < KN_BY_BYTE[b] ? j * SIGNED_WN[b] : normalSlow(rng, u);
}

/**
 * The ziggurat's rare paths for a draw `first` that missed its layer's rectangle: continues
 * exactly as {@link standardNormal} would.
 */
function normalSlow(rng: RandomStream, first: number): number {
  for (let u = first; ; u = rng.nextUint32()) {
    const iz = u & (LAYERS - 1);
    const j = u >>> 8;
    const x = j * WN[iz];
    const sign = u & LAYERS ? -1 : 1;
    if (j < KN[iz]) return sign * x;
    if (iz === 0) {
      // The tail beyond R (Marsaglia 1964).
      let t: number;
      let y: number;
      do {
        t = -Math.log(1 - rng.next()) / R;
        y = -Math.log(1 - rng.next());
      } while (y + y < t * t);
      return sign * (R + t);
    }
    // A wedge: accept under the density.
    if (FN[iz] + rng.next() * (FN[iz - 1] - FN[iz]) < Math.exp(-0.5 * x * x)) return sign * x;
  }
}
