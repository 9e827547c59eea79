import { defaultClassifier } from "./base-router.js";
import type { QueryClassifier } from "./classifier.js";
import { RoutingInputError } from "./errors.js";
import type { Query, QueryType } from "./types.js";

/**
 * A sparse feature vector: `nnz` entries `values[k]` at positions `indices[k]` (distinct, in
 * the order first met, the type entry last). Positions not listed are 0.
 *
 * Plain arrays, not typed ones: one is built per decision, and V8 allocates a small plain
 * array about five times faster than a typed array (≈ 60 against ≈ 300 ns measured here),
 * while indexing either in a loop costs the same.
 */
export interface SparseFeatures {
  readonly indices: readonly number[];
  readonly values: readonly number[];
  readonly nnz: number;
}

/** Options of {@link Featurizer}. */
export interface FeaturizerOptions {
  /** Buckets of the hashed word block; default 64. */
  dimension?: number;
  /** Seed of the word hash (another seed, other collisions); default 0. */
  seed?: number;
  /**
   * Query types of the one-hot block, in order; default the classifier's types. The
   * classifier's own types are appended when missing, so a classified text always has its slot.
   */
  types?: readonly QueryType[];
  /** Classifies texts whose query carries no `type`; default the old word patterns. */
  classifier?: QueryClassifier;
}

/** The default size of the hashed word block. */
export const DEFAULT_FEATURE_DIMENSION = 64;

// Unicode word characters, as the classifier splits words (its reference path).
const WORD_RE = /[\p{L}\p{N}\p{M}_]+/gu;
// ASCII word characters: [a-z0-9_] after folding upper case (1 = word character).
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = /[A-Za-z0-9_]/.test(String.fromCharCode(c)) ? 1 : 0;
const FNV_PRIME = 0x01000193;
const FNV_OFFSET = 0x811c9dc5;
// Mixed into a bigram's hash so that the bigram "a b" and any unigram land independently.
const BIGRAM_SALT = 0x5bd1e995;
const GOLDEN = 0x9e3779b1;

/** murmur3's 32-bit finaliser: every input bit affects every output bit. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/**
 * Maps query texts to fixed-size feature vectors without any downloaded model: signed feature
 * hashing (Weinberger et al. 2009) of word unigrams and bigrams, plus a one-hot of the query's
 * type. Deterministic: the same text, options and seed give the same vector on every machine.
 *
 * The vector has `size = dimension + types.length` entries:
 * - **words** (positions 0 … dimension − 1): the text is lower-cased and split into words as the
 *   classifier splits them (runs of Unicode letters, digits, marks and `_`). Each word w and each
 *   pair of consecutive words (w₁, w₂) is hashed (32-bit FNV-1a of the word's UTF-16 code
 *   units, seeded, then murmur3's finaliser; a bigram hashes its two word hashes together with
 *   a salt). The hash h adds sign(h) = ±1 (its top bit) to bucket (h mod dimension), so
 *   collisions cancel in expectation instead of piling up. The block is then L2-normalised.
 * - **type** (positions dimension …): 1 at the query's type: its `type` when given, else the
 *   classifier's type of its text. A given type not in `types` gets no one-hot (all zeros).
 *
 * When both blocks are non-empty each is scaled by 1/√2, so the whole vector always has L2
 * norm 1 (a text without words, e.g. "?!", has only its type entry, at 1). Only a query with
 * neither words nor a known type gives the zero vector.
 *
 * Why hand-written tokenising: a `toLowerCase` + regex split allocates a string per word and
 * measured several times slower than this one pass over char codes, which hashes words as
 * it goes and allocates nothing but the result. Text with a non-ASCII character takes the
 * reference path (lower-case + the Unicode word regex); both give identical vectors on ASCII
 * text (a property test checks).
 *
 * @example
 * const f = new Featurizer({ dimension: 64 });
 * const x = f.featurizeSparse({ text: "who is connected to Alice" }); // ≈ 10 non-zeros
 */
export class Featurizer {
  /** Buckets of the hashed word block. */
  readonly dimension: number;
  /** Length of the whole vector: `dimension` + the number of types. */
  readonly size: number;
  /** The one-hot block's types, in order. */
  readonly types: readonly QueryType[];
  /** The word-hash seed. */
  readonly seed: number;
  private readonly classifier: QueryClassifier;
  private readonly typeSlot = new Map<QueryType, number>();
  /** Slot in `types` of each classifier type. */
  private readonly classSlot: Int32Array;
  private readonly offset: number;
  /** dimension − 1 when the dimension is a power of two, else −1. */
  private readonly mask: number;
  // Scratch: accumulated bucket values, and which buckets were touched (first-touch order).
  private readonly acc: Float64Array;
  private readonly touched: Int32Array;
  private readonly listed: Uint8Array;
  private nTouched = 0;

  /**
   * @param options dimension, seed, types and classifier
   * @throws {RoutingInputError} when the dimension is not an integer from 1 to 2²⁰ or the seed
   *   is not an integer
   */
  constructor(options: FeaturizerOptions = {}) {
    const dimension = options.dimension ?? DEFAULT_FEATURE_DIMENSION;
    if (!(Number.isInteger(dimension) && dimension >= 1 && dimension <= 1 << 20)) {
      throw new RoutingInputError(
        "dimension",
        `must be an integer from 1 to 1048576, got ${dimension}`,
      );
    }
    const seed = options.seed ?? 0;
    if (!Number.isSafeInteger(seed)) {
      throw new RoutingInputError("seed", `must be an integer, got ${seed}`);
    }
    this.dimension = dimension;
    this.seed = seed;
    this.classifier = options.classifier ?? defaultClassifier();
    const types = [...(options.types ?? this.classifier.types)];
    for (const t of this.classifier.types) if (!types.includes(t)) types.push(t);
    types.forEach((t, i) => {
      if (!this.typeSlot.has(t)) this.typeSlot.set(t, i);
    });
    this.types = types;
    this.size = dimension + types.length;
    this.classSlot = Int32Array.from(this.classifier.types, (t) => this.typeSlot.get(t) ?? -1);
    // The seed enters the FNV offset: another seed, another hash function.
    this.offset = (FNV_OFFSET ^ fmix(seed | 0) ^ Math.floor(seed / 2 ** 32)) >>> 0;
    this.mask = (dimension & (dimension - 1)) === 0 ? dimension - 1 : -1;
    this.acc = new Float64Array(dimension);
    this.touched = new Int32Array(dimension);
    this.listed = new Uint8Array(dimension);
  }

  /**
   * @param query a text, or a query (`type` and/or `text`)
   * @returns the feature vector's non-zeros (fresh arrays of exactly `nnz` entries)
   * @throws {RoutingInputError} when `text` is present but not a string
   */
  featurizeSparse(query: string | Query): SparseFeatures {
    return typeof query === "string"
      ? this.featurizeParts(query, undefined)
      : this.featurizeParts(query.text, query.type);
  }

  /**
   * {@link Featurizer.featurizeSparse} of a query given by its parts, for callers that have
   * already typed it (routers): a known type skips classifying the text again.
   *
   * @param text the query's text, if any
   * @param type its type, if known (else the classifier's type of the text)
   * @returns the non-zeros
   * @throws {RoutingInputError} when `text` is present but not a string
   */
  featurizeParts(text: string | undefined, type: QueryType | undefined): SparseFeatures {
    if (text !== undefined && typeof text !== "string") {
      throw new RoutingInputError("query.text", `must be a string, got ${typeof text}`);
    }
    let slot = -1;
    if (type !== undefined) slot = this.typeSlot.get(type) ?? -1;
    else if (text !== undefined) slot = this.classSlot[this.classifier.typeIndexOf(text)];
    this.nTouched = 0;
    if (text !== undefined && text.length > 0) this.hashWords(text);
    return this.collect(slot);
  }

  /**
   * @param query a text, or a query (`type` and/or `text`)
   * @returns the dense vector of length {@link Featurizer.size}
   * @throws {RoutingInputError} when `text` is present but not a string
   */
  featurize(query: string | Query): Float64Array {
    const sparse = this.featurizeSparse(query);
    const dense = new Float64Array(this.size);
    for (let k = 0; k < sparse.nnz; k++) dense[sparse.indices[k]] = sparse.values[k];
    return dense;
  }

  /** Adds ±1 per unigram and bigram of `text` into the scratch buckets. */
  private hashWords(text: string): void {
    const len = text.length;
    const seedH = this.offset;
    let h = seedH;
    let inWord = false;
    let prev = 0;
    let havePrev = false;
    for (let i = 0; i < len; i++) {
      let c = text.charCodeAt(i);
      if (c >= 128) {
        this.nTouched = this.clearTouched();
        this.hashWordsReference(text);
        return;
      }
      if (ASCII_WORD[c] === 1) {
        if (c >= 65 && c <= 90) c += 32; // ASCII upper → lower
        h = Math.imul(h ^ c, FNV_PRIME);
        inWord = true;
      } else if (inWord) {
        this.word(h, prev, havePrev);
        prev = h;
        havePrev = true;
        h = seedH;
        inWord = false;
      }
    }
    if (inWord) this.word(h, prev, havePrev);
  }

  /** The reference path: lower-case, split by the Unicode word regex, hash each word. */
  private hashWordsReference(text: string): void {
    const words = text.toLowerCase().match(WORD_RE) ?? [];
    let prev = 0;
    for (let w = 0; w < words.length; w++) {
      const word = words[w];
      let h = this.offset;
      for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
      this.word(h, prev, w > 0);
      prev = h;
    }
  }

  /** A word with raw hash `h` ended; `prev` is the previous word's raw hash. */
  private word(h: number, prev: number, havePrev: boolean): void {
    this.bump(fmix(h));
    if (havePrev) this.bump(fmix(Math.imul(prev, GOLDEN) ^ h ^ BIGRAM_SALT));
  }

  /** Adds the sign of mixed hash `m` (its top bit) to bucket m mod dimension. */
  private bump(m: number): void {
    // A power-of-two dimension takes the low bits (the same as mod, without a division).
    const b = this.mask >= 0 ? m & this.mask : (m >>> 0) % this.dimension;
    if (this.listed[b] === 0) {
      this.listed[b] = 1;
      this.touched[this.nTouched++] = b;
    }
    this.acc[b] += m < 0 ? -1 : 1;
  }

  /** Zeroes the scratch buckets; returns 0 (the new touched count). */
  private clearTouched(): number {
    for (let k = 0; k < this.nTouched; k++) {
      this.acc[this.touched[k]] = 0;
      this.listed[this.touched[k]] = 0;
    }
    return 0;
  }

  /** Builds the result from the scratch buckets and the type slot, and clears the scratch. */
  private collect(slot: number): SparseFeatures {
    const acc = this.acc;
    const touched = this.touched;
    const n = this.nTouched;
    let sq = 0;
    let nnz = 0;
    // Buckets whose ±1s cancelled are listed but 0: they are dropped.
    for (let k = 0; k < n; k++) {
      const v = acc[touched[k]];
      if (v !== 0) {
        sq += v * v;
        nnz++;
      }
    }
    const total = nnz + (slot >= 0 ? 1 : 0);
    const indices = new Array<number>(total);
    const values = new Array<number>(total);
    const both = nnz > 0 && slot >= 0;
    const scale = nnz > 0 ? (both ? Math.SQRT1_2 : 1) / Math.sqrt(sq) : 0;
    let j = 0;
    for (let k = 0; k < n; k++) {
      const b = touched[k];
      const v = acc[b];
      if (v !== 0) {
        indices[j] = b;
        values[j++] = v * scale;
        acc[b] = 0;
      }
      this.listed[b] = 0;
    }
    this.nTouched = 0;
    if (slot >= 0) {
      indices[j] = this.dimension + slot;
      values[j] = both ? Math.SQRT1_2 : 1;
    }
    return { indices, values, nnz: total };
  }
}

let shared: Featurizer | undefined;

/**
 * Featurizes with the default {@link Featurizer} (64 buckets, seed 0, the default types).
 *
 * @param query a text, or a query (`type` and/or `text`)
 * @returns the dense vector (64 word buckets, then the five default types)
 * @example featurize("find documents similar to this one").length // 69
 */
export function featurize(query: string | Query): Float64Array {
  if (shared === undefined) shared = new Featurizer();
  return shared.featurize(query);
}

/**
 * Featurizes with the default {@link Featurizer}, sparsely.
 *
 * @param query a text, or a query (`type` and/or `text`)
 * @returns the non-zeros
 * @example featurizeSparse("my favourite recipes").nnz // 5 words + 4 bigrams (minus collisions) + 1
 */
export function featurizeSparse(query: string | Query): SparseFeatures {
  if (shared === undefined) shared = new Featurizer();
  return shared.featurizeSparse(query);
}
