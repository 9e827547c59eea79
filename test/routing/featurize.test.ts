import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Featurizer, featurize, featurizeSparse } from "../../src/routing/featurize.js";
import { RoutingInputError } from "../../src/routing/index.js";

const norm = (x: ArrayLike<number>) => Math.sqrt(Array.from(x).reduce((a, v) => a + v * v, 0));
/** ASCII text with at least one word character. */
const asciiText = fc
  .string({ unit: fc.constantFrom(..."abcXYZ019_ ,.?!-'\t".split("")), maxLength: 60 })
  .filter((s) => /[A-Za-z0-9_]/.test(s));

describe("featurize", () => {
  it("is L2-normalised and deterministic for any text with a word (property)", () => {
    const a = new Featurizer();
    const b = new Featurizer();
    fc.assert(
      fc.property(
        fc.string({ maxLength: 80 }).filter((s) => /[\p{L}\p{N}_]/u.test(s)),
        (text) => {
          const x = a.featurize(text);
          expect(norm(x)).toBeCloseTo(1, 12);
          expect(b.featurize(text)).toEqual(x);
          expect(a.featurize(text)).toEqual(x); // scratch state does not leak between calls
        },
      ),
      { numRuns: 500 },
    );
  });

  it("hashes ASCII text on the fast path exactly as on the Unicode reference path (property)", () => {
    const f = new Featurizer();
    fc.assert(
      fc.property(asciiText, (text) => {
        // An em dash is a non-ASCII separator: it sends the text to the reference path
        // without adding a word.
        expect(f.featurizeSparse(`${text}\u2014`)).toEqual(f.featurizeSparse(text));
      }),
      { numRuns: 500 },
    );
  });

  it("sparse and dense forms agree; indices are distinct and within the size", () => {
    const f = new Featurizer({ dimension: 50 });
    fc.assert(
      fc.property(asciiText, (text) => {
        const s = f.featurizeSparse(text);
        const d = f.featurize(text);
        expect(d).toHaveLength(f.size);
        expect(new Set(s.indices).size).toBe(s.nnz);
        for (let k = 0; k < s.nnz; k++) {
          expect(s.indices[k]).toBeLessThan(f.size);
          expect(d[s.indices[k]]).toBe(s.values[k]);
          expect(s.values[k]).not.toBe(0);
        }
        expect(d.filter((v) => v !== 0)).toHaveLength(s.nnz);
      }),
    );
  });

  it("adds a one-hot of the query's type: given, else classified; unknown types get none", () => {
    const f = new Featurizer();
    const slot = (t: string) => f.dimension + f.types.indexOf(t);
    const classified = f.featurize("who is connected to Alice");
    expect(classified[slot("relationship")]).toBeCloseTo(Math.SQRT1_2, 15);
    const given = f.featurize({ text: "who is connected to Alice", type: "personal" });
    expect(given[slot("personal")]).toBeCloseTo(Math.SQRT1_2, 15);
    expect(given[slot("relationship")]).toBe(0);
    // The word block is the same whatever the type.
    expect(given.subarray(0, 64)).toEqual(classified.subarray(0, 64));
    const novel = f.featurize({ text: "who is connected to Alice", type: "novel" });
    expect(novel.subarray(64).every((v) => v === 0)).toBe(true);
    expect(norm(novel)).toBeCloseTo(1, 12);
    // No words: the type alone, at 1; neither: the zero vector.
    expect(f.featurize({ text: "?!", type: "temporal" })[slot("temporal")]).toBe(1);
    expect(norm(f.featurize({ type: "novel" }))).toBe(0);
  });

  it("counts unigrams and bigrams with signs; word order matters through bigrams", () => {
    const f = new Featurizer({ dimension: 1 << 16 });
    // With 65,536 buckets, "a b" hashes to 3 distinct features (a, b, "a b") whp; each ±1,
    // normalised by √3 and then by 1/√2 beside the type.
    const x = f.featurizeSparse({ text: "alpha beta", type: "unknown" });
    expect(x.nnz).toBe(4);
    for (let k = 0; k < 3; k++) expect(Math.abs(x.values[k])).toBeCloseTo(1 / Math.sqrt(6), 15);
    const y = f.featurizeSparse({ text: "beta alpha", type: "unknown" });
    expect(new Set(y.indices.slice(0, 3))).not.toEqual(new Set(x.indices.slice(0, 3)));
    // Case and punctuation do not matter.
    expect(f.featurizeSparse({ text: "ALPHA, Beta!", type: "unknown" })).toEqual(x);
  });

  it("the seed and the dimension change the hash; defaults match the module functions", () => {
    const text = "find documents similar to my notes";
    expect(new Featurizer({ seed: 1 }).featurize(text)).not.toEqual(
      new Featurizer().featurize(text),
    );
    expect(featurize(text)).toEqual(new Featurizer().featurize(text));
    expect(featurizeSparse(text)).toEqual(new Featurizer().featurizeSparse(text));
    expect(new Featurizer({ dimension: 100 }).featurize(text)).toHaveLength(105);
  });

  it("rejects a bad dimension or seed, naming it", () => {
    for (const dimension of [0, 1.5, -3, Number.NaN, 2 ** 21]) {
      expect(() => new Featurizer({ dimension })).toThrow(RoutingInputError);
      expect(() => new Featurizer({ dimension })).toThrow(/^dimension: /);
    }
    expect(() => new Featurizer({ seed: 0.5 })).toThrow(/^seed: /);
    expect(() => featurize({ text: 5 as unknown as string })).toThrow(/^query.text: /);
  });
});
