import type { RandomStream } from "./stream.js";

// Marsaglia & Tsang (2000) ziggurat for the standard exponential with 256 layers: R is the
// base layer's right edge and V each layer's area. As in ./normal.ts, the position uses 24 bits
// of one 32-bit draw and the layer index the other 8, so the two are independent.
const LAYERS = 256;
const R = 7.69711747013105;
const V = 3.949659822581572e-3;
const M = 2 ** 24;
const KE = new Uint32Array(LAYERS);
const WE = new Float64Array(LAYERS);
const FE = new Float64Array(LAYERS);
{
  let de = R;
  let te = de;
  const q = V / Math.exp(-de);
  KE[0] = Math.floor((de / q) * M);
  KE[1] = 0;
  WE[0] = q / M;
  WE[LAYERS - 1] = de / M;
  FE[0] = 1;
  FE[LAYERS - 1] = Math.exp(-de);
  for (let i = LAYERS - 2; i >= 1; i--) {
    de = -Math.log(V / de + Math.exp(-de));
    KE[i + 1] = Math.floor((de / te) * M);
    te = de;
    FE[i] = Math.exp(-de);
    WE[i] = de / M;
  }
}

/**
 * Draws a standard exponential variate (mean 1) by the ziggurat method: one 32-bit draw, a
 * table compare and a multiply on ≈ 99 % of calls, with an exact slow path (wedges and the
 * tail) on the rest.
 *
 * Why hand-written: inversion (−log(1 − u), as d3-random's `randomExponential`) calls the C
 * library's logarithm on every draw; for the simulator's arrival gaps that was ≈ 2.5 % of a
 * simulated query in a perf profile of `routing-lab bench --only simulationSpeed`.
 *
 * @param rng the seeded stream
 * @returns a draw from Exp(1)
 * @example standardExponential(createStream(1, "gaps")) / rate
 */
export function standardExponential(rng: RandomStream): number {
  const u = rng.nextUint32();
  const j = u >>> 8;
  const i = u & (LAYERS - 1);
  return j < KE[i] ? j * WE[i] : exponentialSlow(rng, u);
}

/**
 * The ziggurat's rare paths for a draw `first` that missed its layer's rectangle: continues
 * exactly as {@link standardExponential} would.
 */
function exponentialSlow(rng: RandomStream, first: number): number {
  for (let u = first; ; u = rng.nextUint32()) {
    const i = u & (LAYERS - 1);
    const j = u >>> 8;
    if (j < KE[i]) return j * WE[i];
    // The tail beyond R is R plus an exponential (memorylessness).
    if (i === 0) return R - Math.log(1 - rng.next());
    // A wedge: accept under the density.
    const x = j * WE[i];
    if (FE[i] + rng.next() * (FE[i - 1] - FE[i]) < Math.exp(-x)) return x;
  }
}
