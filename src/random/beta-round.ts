import { BETA_ROUND_WASM } from "./beta-round-wasm.js";
import { FN, KN, KN_BY_BYTE, SIGNED_WN, WN, ZIGGURAT_R } from "./normal.js";
import type { RandomStream } from "./stream.js";

// The part of the WebAssembly JS API used here. Why not the `WebAssembly` global's own types:
// they come with TypeScript's DOM library, which this project (and tslab's compiler, which
// brings its own settings) need not load.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface RoundExports {
  memory: WasmMemory;
  round(k: number, at: number, out: number, n: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (
    module: object,
    imports: Record<string, Record<string, (...args: number[]) => number>>,
  ) => { exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

// Compiled once per thread: the bytes of beta-round.wat (see its header for the memory layout).
const wasmModule = new wasm.Module(Uint8Array.from(atob(BETA_ROUND_WASM), (c) => c.charCodeAt(0)));
/** Where the caller's arrays start in the module's memory (the tables end at 5,696). */
const HEAP = 8192;
const PAGE = 65536;

/**
 * Thompson sampling's round of Beta draws, in WebAssembly: a Beta draw for each of n
 * posteriors whose gamma-sampler constants (`gammaConstants` of α, then of β) start at index
 * `offsets[i]` of `constants`, or a uniform draw (Beta(1, 1)) where `offsets[i]` is −1. The
 * numbers are exactly `sampleBeta`'s for each posterior in order, on the same stream: the same
 * sfc32 steps, ziggurat normals and Marsaglia–Tsang acceptance (with `squeezed`'s test), in
 * the same IEEE operations (a test compares them draw for draw, rare paths included).
 *
 * Why WebAssembly: the round was ≈ 23 % of a simulated Thompson query as optimized JS (the
 * generator's state in locals, yet bounds checks, spills and map checks around every draw);
 * the same steps in WebAssembly take 36 % fewer `perf` samples in the simulation, and a
 * simulated query 3.8 % less CPU (median of 8 alternating runs of each build, 1M queries of
 * the default scenario each). Its source is src/random/beta-round.wat; `Math.log`,
 * `Math.exp` and `Math.pow` come from JS, as WebAssembly has none, so the rare paths round as
 * JS does.
 *
 * The arrays live in the module's memory: write the constants and offsets through the views
 * {@link constants} and {@link offsets}, which {@link reserve} replaces.
 *
 * @example
 * const round = new BetaRound();
 * round.reserve(8, 1);
 * gammaConstants(3, round.constants, 0);
 * gammaConstants(5, round.constants, 4);
 * round.offsets[0] = 0;
 * const out = [0];
 * round.draw(createStream(1, "thompson"), 1, out); // out[0] ~ Beta(3, 5)
 */
export class BetaRound {
  /** The posteriors' gamma constants (reserved length). */
  constants = new Float64Array(0);
  /** Per posterior of a round, the index of its constants in {@link constants}, or −1. */
  offsets = new Int32Array(0);
  private draws = new Float64Array(0);
  private state = new Int32Array(0);
  private readonly memory: WasmMemory;
  private readonly round: RoundExports["round"];
  private atPtr = HEAP;
  private outPtr = HEAP;

  constructor() {
    const instance = new wasm.Instance(wasmModule, {
      Math: { log: Math.log, exp: Math.exp, pow: Math.pow },
    });
    const exports = instance.exports as unknown as RoundExports;
    this.memory = exports.memory;
    this.round = exports.round;
    const buffer = this.memory.buffer;
    new Float64Array(buffer, 16, 1)[0] = ZIGGURAT_R;
    new Uint32Array(buffer, 64, KN.length).set(KN);
    new Float64Array(buffer, 576, WN.length).set(WN);
    new Float64Array(buffer, 1600, FN.length).set(FN);
    new Float64Array(buffer, 2624, SIGNED_WN.length).set(SIGNED_WN);
    new Uint32Array(buffer, 4672, KN_BY_BYTE.length).set(KN_BY_BYTE);
    this.reserve(0, 0);
  }

  /**
   * Sizes {@link constants} and {@link offsets} (new views: re-read both after a call). The
   * constants keep their values up to the smaller of the two lengths; the offsets do not.
   *
   * @param constants numbers of gamma constants
   * @param n posteriors per round, at most
   */
  reserve(constants: number, n: number): void {
    this.atPtr = HEAP + constants * 8;
    this.outPtr = this.atPtr + Math.ceil(n / 2) * 8;
    const end = this.outPtr + n * 8;
    const have = this.memory.buffer.byteLength;
    if (end > have) this.memory.grow(Math.ceil((end - have) / PAGE));
    // Growing detaches the old buffer, and with it every view.
    const buffer = this.memory.buffer;
    this.state = new Int32Array(buffer, 0, 4);
    this.constants = new Float64Array(buffer, HEAP, constants);
    this.offsets = new Int32Array(buffer, this.atPtr, n);
    this.draws = new Float64Array(buffer, this.outPtr, n);
  }

  /**
   * Draws one round on `rng` (advancing it as the JS samplers would).
   *
   * @param rng the seeded stream
   * @param n the posteriors, the first n of {@link offsets} (at most the reserved number)
   * @param out receives the n draws, each in [0, 1]
   * @returns the index of the largest draw (the first on ties)
   * @throws {RangeError} when n exceeds the reserved number
   */
  draw(rng: RandomStream, n: number, out: number[]): number {
    if (n > this.offsets.length) {
      throw new RangeError(`a round of ${n} posteriors, but room for ${this.offsets.length}`);
    }
    const s = rng.s;
    const st = this.state;
    st[0] = s[0];
    st[1] = s[1];
    st[2] = s[2];
    st[3] = s[3];
    const best = this.round(HEAP, this.atPtr, this.outPtr, n);
    s[0] = st[0];
    s[1] = st[1];
    s[2] = st[2];
    s[3] = st[3];
    const draws = this.draws;
    for (let i = 0; i < n; i++) out[i] = draws[i];
    return best;
  }
}
