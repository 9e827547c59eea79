import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_BACKENDS,
  DEFAULT_PATTERNS,
  loadPatternConfig,
  parsePatternConfig,
  QueryClassifier,
  RoutingInputError,
  RuleBasedRouter,
} from "../../src/routing/index.js";
import { OLD_SYSTEM_EXAMPLES as STUDY_EXAMPLES } from "../../src/studies/index.js";
import { useTempDirs } from "../support/temp-dir.js";

const tempDir = useTempDirs();

// Example queries and the backend the old system sends each to, derived by hand from its word
// patterns, type→backend map and tie rule (docs/old-system.md): the most matching patterns wins, the
// earlier type on ties, no match → unknown → qdrant.
const OLD_SYSTEM_EXAMPLES: [string, string, string][] = [
  ["Who is connected to Alice?", "relationship", "neo4j"],
  ["How is Bob related to Carol?", "relationship", "neo4j"],
  ["What is the relationship between these two papers?", "relationship", "neo4j"],
  ["Where did we meet?", "relationship", "neo4j"],
  ["Find documents similar to this one", "similarity", "qdrant"],
  ["Search for notes that look like my draft", "similarity", "qdrant"],
  ["Compare the two designs", "similarity", "qdrant"],
  // personal ("i") and similarity ("look for") match once each: the tie goes to similarity,
  // listed first.
  ["I want to look for vector databases", "similarity", "qdrant"],
  ["What is my favorite color?", "personal", "mem0"],
  ["Show my user profile", "personal", "mem0"],
  ["What are the latest updates?", "temporal", "inmemory"],
  ["What happened this week?", "temporal", "inmemory"],
  ["Anything new from yesterday or today?", "temporal", "inmemory"],
  ["What is currently running now?", "temporal", "inmemory"],
  ["Explain quantum entanglement", "unknown", "qdrant"],
  ["", "unknown", "qdrant"],
];

describe("QueryClassifier with the old word patterns", () => {
  const classifier = new QueryClassifier();
  const router = new RuleBasedRouter();

  it.each(OLD_SYSTEM_EXAMPLES)("routes %j as the old system did", (text, type, backend) => {
    expect(classifier.classify(text).type).toBe(type);
    expect(router.select({ text }, { available: DEFAULT_BACKENDS }).backend).toBe(backend);
  });

  it("is the table notebook 01's study checks the router against", () => {
    // The study keeps its own copy (src/ cannot import tests): each of its rows must be one of
    // these hand-derived rows, with the same type and backend.
    const byText = new Map(
      OLD_SYSTEM_EXAMPLES.map(([text, type, backend]) => [text, { type, backend }]),
    );
    expect(STUDY_EXAMPLES.length).toBeGreaterThan(0);
    for (const e of STUDY_EXAMPLES)
      expect(byText.get(e.text)).toEqual({ type: e.type, backend: e.backend });
  });

  it("returns the matched alternatives and every type's score", () => {
    const c = classifier.classify("Who is connected to my favorite user?");
    expect(c.type).toBe("personal"); // personal: my, favorite, user (3 patterns) > relationship 2
    expect(c.matched).toEqual(["who", "connected", "my", "favorite", "user"]);
    expect(c.scores).toEqual({
      relationship: 2,
      similarity: 0,
      personal: 3,
      temporal: 0,
      unknown: 0,
    });
  });

  it("counts a pattern once however many of its alternatives occur", () => {
    // who, whom, whose are one pattern; "similar" is one similarity pattern.
    const c = classifier.classify("who whom whose similar");
    expect(c.scores.relationship).toBe(1);
    expect(c.scores.similarity).toBe(1);
    expect(c.type).toBe("relationship"); // tie → earlier type
  });

  it("matches whole words only, ignoring case and punctuation", () => {
    expect(classifier.classify("WHO?!").type).toBe("relationship");
    expect(classifier.classify("whoever likes minerals").type).toBe("unknown");
    expect(classifier.classify("I'm here").matched).toEqual(["i"]);
    expect(classifier.classify("(latest)").type).toBe("temporal");
    expect(classifier.classify("my_profile").type).toBe("unknown"); // _ is a word character
  });

  it("matches multi-word phrases across any separators, but only adjacent words", () => {
    expect(classifier.classify("LOOK, for it").matched).toEqual(["look for"]);
    expect(classifier.classify("look\n\tfor").matched).toEqual(["look for"]);
    expect(classifier.classify("look carefully for").matched).toEqual([]);
    expect(classifier.classify("this   week").matched).toEqual(["this week"]);
    expect(classifier.classify("week this").matched).toEqual([]);
  });

  it("handles non-ASCII text like the reference (Unicode words)", () => {
    expect(classifier.classify("Qui est lié à Émile — who?").type).toBe("relationship");
    expect(classifier.classify("whoé").type).toBe("unknown"); // é is a letter: one word
    expect(classifier.classify("who😀like").matched).toEqual(["who", "like"]);
  });

  it("agrees with the reference implementation on arbitrary text (property)", () => {
    const vocab = ["who", "Like", "LOOK", "for", "this", "week", "my", "i", "é", "now"];
    const piece = fc.oneof(
      fc.constantFrom(...vocab),
      fc.constantFrom(" ", ", ", "'", "\n", "-", "_", "é", "😀", "\u0130", "\u212a"),
      fc.string({ unit: "grapheme", maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const text = parts.join("");
        expect(classifier.typeIndexOf(text)).toBe(classifier.typeIndexOfReference(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("agrees with the reference on ASCII text, where the word automaton runs (property)", () => {
    // Prefixes and extensions of pattern words ("wh", "whom", "whoa", "looking") and phrases
    // split or glued ("look for", "lookfor") exercise the automaton's trie and dead states.
    const words = ["who", "WHOM", "whose", "wh", "whoa", "look", "looking", "for", "lookfor"];
    const piece = fc.oneof(
      fc.constantFrom(...words, "this", "week", "my", "I", "similar", "recent", "x_1", "42"),
      fc.constantFrom(" ", ", ", "'", "\n", "-", "_", "?", "  "),
      fc.string({ unit: "binary-ascii", maxLength: 4 }),
    );
    const other = new QueryClassifier();
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (parts) => {
        const text = parts.join("");
        expect(other.typeIndexOf(text)).toBe(other.typeIndexOfReference(text));
        // A trailing non-ASCII word sends the whole text down the reference path without
        // matching anything itself: type, matched words and scores must all agree.
        expect(other.classify(text)).toEqual(other.classify(`${text} é`));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("pattern configuration", () => {
  it("data/routing/patterns.json equals the built-in default", () => {
    const file = loadPatternConfig("data/routing/patterns.json");
    expect(file.types).toEqual(DEFAULT_PATTERNS.types);
    expect(file.fallbackType).toBe(DEFAULT_PATTERNS.fallbackType);
  });

  it("accepts custom types, priorities and fallback", () => {
    const c = new QueryClassifier({
      types: { billing: [["invoice", "refund"], ["credit card"]], support: [["help"]] },
      fallbackType: "other",
    });
    expect(c.types).toEqual(["billing", "support", "other"]);
    expect(c.classify("Help with my credit card refund").type).toBe("billing");
    expect(c.classify("help").type).toBe("support");
    expect(c.classify("hello").type).toBe("other");
  });

  it("names the bad field of a malformed configuration", () => {
    expect(() => parsePatternConfig({ types: { a: [[]] } })).toThrow(/types\.a\.0/);
    expect(() => parsePatternConfig({ types: { a: "who" } })).toThrow(RoutingInputError);
    expect(() => new QueryClassifier({ types: { a: [["!!"]] } })).toThrow(/types\.a\.0\.0/);
    expect(() => parsePatternConfig({ types: {} })).toThrow(/at least one query type/);
  });

  it("names the file when it is not JSON", () => {
    const path = join(tempDir("classifier-"), "routing-lab-bad-patterns.json");
    writeFileSync(path, "{ nope");
    expect(() => loadPatternConfig(path)).toThrow(/routing-lab-bad-patterns\.json.*not valid JSON/);
    expect(readFileSync(path, "utf8")).toBe("{ nope");
  });
});
