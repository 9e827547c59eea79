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
  round: (k: number, at: number, out: number, n: number) => number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (
    module: object,
    imports: Record<string, Record<string, (...args: number[]) => number>>,
  ) => { exports: unknown };
}

/** Where the owner's arrays start in the module's memory (the tables end at 5,696). */
const HEAP = 8192;
const PAGE = 65536;

/** Views of the owner's arrays in the memory, and their addresses. */
interface Layout {
  k: Float64Array;
  at: Int32Array;
  out: Float64Array;
  state: Int32Array;
  atPtr: number;
  outPtr: number;
}

/** The thread's instance of beta-round.wat, and the round whose arrays its memory holds. */
interface Shared {
  run: RoundExports["round"];
  memory: WasmMemory;
  owner: BetaRound | null;
  /** The owner's views (kept for the next owner of the same sizes). */
  layout: Layout | null;
}

// One instance per thread, made on first use. Why not one per router: each WebAssembly memory
// reserves gigabytes of address space, and a process ran out after ≈ 12,900 live routers.
let shared: Shared | undefined;

function sharedInstance(): Shared {
  if (shared === undefined) {
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    const bytes = Uint8Array.from(atob(BETA_ROUND_WASM), (c) => c.charCodeAt(0));
    const instance = new wasm.Instance(new wasm.Module(bytes), {
      Math: { log: Math.log, exp: Math.exp, pow: Math.pow },
    });
    const exports = instance.exports as unknown as RoundExports;
    const buffer = exports.memory.buffer;
    new Float64Array(buffer, 16, 1)[0] = ZIGGURAT_R;
    new Uint32Array(buffer, 64, KN.length).set(KN);
    new Float64Array(buffer, 576, WN.length).set(WN);
    new Float64Array(buffer, 1600, FN.length).set(FN);
    new Float64Array(buffer, 2624, SIGNED_WN.length).set(SIGNED_WN);
    new Uint32Array(buffer, 4672, KN_BY_BYTE.length).set(KN_BY_BYTE);
    shared = { run: exports.round, memory: exports.memory, owner: null, layout: null };
  }
  return shared;
}

/** Lays out arrays for `constants` numbers and `n` posteriors (growing the memory); views. */
function layout(s: Shared, constants: number, n: number): Layout {
  const atPtr = HEAP + constants * 8;
  const outPtr = atPtr + Math.ceil(n / 2) * 8;
  const end = outPtr + n * 8;
  const have = s.memory.buffer.byteLength;
  if (end > have) s.memory.grow(Math.ceil((end - have) / PAGE));
  // Growing detaches the old buffer, and with it every view.
  const buffer = s.memory.buffer;
  return {
    k: new Float64Array(buffer, HEAP, constants),
    at: new Int32Array(buffer, atPtr, n),
    out: new Float64Array(buffer, outPtr, n),
    state: new Int32Array(buffer, 0, 4),
    atPtr,
    outPtr,
  };
}

/**
 * Thompson sampling's round of Beta draws, in WebAssembly: a Beta draw for each of n
 * posteriors whose gamma-sampler constants (`gammaConstants` of α, then of β) start at index
 * `offsets[i]` of `constants`, or a uniform draw (Beta(1, 1)) where `offsets[i]` is −1. The
 * numbers are exactly `sampleBeta`'s for each posterior in order, on the same stream: the same
 * sfc32 steps, ziggurat normals and Marsaglia–Tsang acceptance (`squeezed`'s test), in the same
 * IEEE operations (a test compares them draw for draw, rare paths included).
 *
 * Why WebAssembly (src/random/beta-round.wat): the round was ≈ 23 % of a simulated Thompson
 * query as optimized JS (the generator's state in locals, yet bounds checks, spills and map
 * checks around every draw); in WebAssembly the same steps take 36 % fewer `perf` samples in
 * the simulation. `Math.log`, `Math.exp` and `Math.pow` come from JS, as WebAssembly has none,
 * so the rare paths round as JS does.
 *
 * Where the arrays live: the thread has one instance (a memory per router reserves gigabytes
 * of address space: 12,882 live routers exhausted it), whose memory holds the arrays of the
 * round that drew last, its owner (kept alive by it until another draws); the others keep
 * theirs in plain typed arrays, and a round that draws while another owns the memory copies
 * its arrays in and the owner's out. So a simulation, with one router per thread, never copies,
 * and two Thompson routers deciding in turns pay ≈ 0.2 µs per decision for it. (Copying each
 * round's posteriors in instead cost 15 % of a simulated query, more than WebAssembly saved.)
 * Read {@link constants} and {@link offsets} anew after any `reserve` or `draw`, of this round
 * or another: they are replaced.
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
  /** The posteriors' gamma constants. */
  constants = new Float64Array(0);
  /** Per posterior of a round, the index of its constants in {@link constants}, or −1. */
  offsets = new Int32Array(0);
  // While this round owns the memory: its own arrays, to take the values back into.
  private ownConstants = new Float64Array(0);
  private ownOffsets = new Int32Array(0);

  /**
   * Sizes {@link constants} (keeping their values) and {@link offsets} (not keeping theirs).
   *
   * @param constants how many gamma constants
   * @param n posteriors per round, at most
   */
  reserve(constants: number, n: number): void {
    if (shared !== undefined && shared.owner === this) {
      // The constants stay where they are (at HEAP), so the new views still see them.
      this.take(shared, layout(shared, constants, n));
    } else {
      const k = new Float64Array(constants);
      k.set(this.constants.subarray(0, Math.min(constants, this.constants.length)));
      this.constants = k;
      this.offsets = new Int32Array(n);
    }
  }

  /**
   * Draws one round on `rng` (advancing it as the JS samplers would).
   *
   * @param rng the seeded stream
   * @param n the posteriors: the first n of {@link offsets}
   * @param out receives the n draws, each in [0, 1]
   * @returns the index of the largest draw (the first on ties)
   * @throws {RangeError} when n exceeds the reserved number
   */
  draw(rng: RandomStream, n: number, out: number[]): number {
    // Kept small so V8 inlines it into the router's decision: the rest is in `prepare`.
    let sh = shared;
    if (sh === undefined || sh.owner !== this || n > this.offsets.length) sh = this.prepare(n);
    // The owner's views: this round's, since it owns the memory now.
    const l = sh.layout as Layout;
    const s = rng.s;
    const st = l.state;
    st[0] = s[0];
    st[1] = s[1];
    st[2] = s[2];
    st[3] = s[3];
    const best = sh.run(HEAP, l.atPtr, l.outPtr, n);
    s[0] = st[0];
    s[1] = st[1];
    s[2] = st[2];
    s[3] = st[3];
    const draws = l.out;
    for (let i = 0; i < n; i++) out[i] = draws[i];
    return best;
  }

  /** Takes the memory if another round holds it, and checks that n posteriors fit. */
  private prepare(n: number): Shared {
    const s = shared !== undefined && shared.owner === this ? shared : this.acquire();
    if (n > this.offsets.length) {
      throw new RangeError(`a round of ${n} posteriors, but room for ${this.offsets.length}`);
    }
    return s;
  }

  /** Moves this round's arrays into the memory, and the owner's out into its own arrays. */
  private acquire(): Shared {
    const s = sharedInstance();
    s.owner?.release();
    const { constants, offsets } = this;
    let l = s.layout;
    if (l === null || l.k.length !== constants.length || l.at.length !== offsets.length) {
      l = layout(s, constants.length, offsets.length);
    }
    l.k.set(constants);
    l.at.set(offsets);
    // Kept, to take the arrays back into without allocating when another round takes over.
    this.ownConstants = constants;
    this.ownOffsets = offsets;
    this.take(s, l);
    s.owner = this;
    return s;
  }

  /** Gives up the memory: the arrays go back into this round's own. */
  private release(): void {
    if (this.ownConstants.length !== this.constants.length) {
      this.ownConstants = new Float64Array(this.constants.length);
    }
    if (this.ownOffsets.length !== this.offsets.length) {
      this.ownOffsets = new Int32Array(this.offsets.length);
    }
    this.ownConstants.set(this.constants);
    this.ownOffsets.set(this.offsets);
    this.constants = this.ownConstants;
    this.offsets = this.ownOffsets;
  }

  /** Makes a layout the memory's, and its views this round's arrays. */
  private take(s: Shared, l: Layout): void {
    s.layout = l;
    this.constants = l.k;
    this.offsets = l.at;
  }
}
