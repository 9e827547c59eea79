import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileWordAutomaton, type WordAutomaton } from "../../src/routing/word-automaton.js";

/** Runs the automaton over ASCII text as the classifier does: word ids found, words counted. */
function scan(a: WordAutomaton, text: string): { found: number[]; words: number } {
  const found: number[] = [];
  let words = 0;
  let s = 0;
  const step = (v: number) => {
    words += v & 1;
    s = v >> 1;
    if (s >= a.emitFrom) found.push(a.emitWord[(s - a.emitFrom) / a.classes]);
  };
  for (let i = 0; i < text.length; i++) step(a.trans[s + a.classOf[text.charCodeAt(i)]]);
  step(a.trans[s]); // the end of the text ends the last word
  return { found, words };
}

/** The naive model: split into maximal [A-Za-z0-9_] runs, lower-case, look each up. */
function naive(vocab: readonly string[], text: string): { found: number[]; words: number } {
  const tokens = text.match(/[A-Za-z0-9_]+/g) ?? [];
  const found = tokens.map((t) => vocab.indexOf(t.toLowerCase())).filter((id) => id >= 0);
  return { found, words: tokens.length };
}

describe("compileWordAutomaton", () => {
  it("finds whole words case-insensitively, not prefixes, suffixes or inner parts", () => {
    const vocab = ["who", "whom", "related", "to"];
    const a = compileWordAutomaton(vocab);
    expect(scan(a, "Who is RELATED to whom?")).toEqual({ found: [0, 2, 3, 1], words: 5 });
    expect(scan(a, "whoever tomato unrelated wh")).toEqual({ found: [], words: 4 });
    expect(scan(a, "who_ to9")).toEqual({ found: [], words: 2 });
  });

  it("separators are every ASCII character outside [A-Za-z0-9_]", () => {
    const a = compileWordAutomaton(["a"]);
    const separators = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c)).filter(
      (ch) => !/[A-Za-z0-9_]/.test(ch),
    );
    for (const sep of separators) {
      expect(scan(a, `a${sep}a`).found, JSON.stringify(sep)).toEqual([0, 0]);
      expect(a.classOf[sep.charCodeAt(0)]).toBe(0);
    }
  });

  it("empty text and separators only: no word", () => {
    const a = compileWordAutomaton(["x"]);
    expect(scan(a, "")).toEqual({ found: [], words: 0 });
    expect(scan(a, " ,.; ")).toEqual({ found: [], words: 0 });
  });

  it("never finds words outside [a-z0-9_], which keep their ids for the others", () => {
    const vocab = ["café", "Upper", "", "two words", "ok"];
    const a = compileWordAutomaton(vocab);
    expect(scan(a, "upper UPPER two words caf ok")).toEqual({ found: [4], words: 6 });
  });

  it("an empty vocabulary still counts words", () => {
    const a = compileWordAutomaton([]);
    expect(a.classes).toBe(2);
    expect(scan(a, "one two, three")).toEqual({ found: [], words: 3 });
  });

  it("agrees with splitting and looking words up (property)", () => {
    const letter = fc.constantFrom(..."abAB0_");
    const word = fc.string({ unit: fc.constantFrom(..."ab0_"), minLength: 1, maxLength: 4 });
    const text = fc.string({ unit: fc.oneof(letter, fc.constantFrom(" ", "-", "?", "\n")) });
    fc.assert(
      fc.property(fc.uniqueArray(word, { maxLength: 8 }), text, (vocab, t) => {
        expect(scan(compileWordAutomaton(vocab), t)).toEqual(naive(vocab, t));
      }),
    );
  });

  it("states are stored pre-multiplied: every transition lands on a row start", () => {
    const a = compileWordAutomaton(["ab", "abc", "b"]);
    for (const v of a.trans) expect((v >> 1) % a.classes).toBe(0);
    expect(a.trans.length % a.classes).toBe(0);
    expect([...a.emitWord].sort()).toEqual([0, 1, 2]);
  });
});
