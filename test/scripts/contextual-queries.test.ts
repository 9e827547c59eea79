import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { contextualQueriesJsonl, TOPICS } from "../../scripts/contextual-queries.js";
import { parseQuerySet } from "../../src/routing/query-set.js";
import { textWords } from "../../src/sim/index.js";

const path = "data/queries/contextual.jsonl";

describe("data/queries/contextual.jsonl", () => {
  it("is what its generator writes (regenerate with scripts/generate-contextual-queries.ts)", () => {
    expect(readFileSync(path, "utf8")).toBe(contextualQueriesJsonl());
  });

  it("holds exactly one topic word per text, every topic in every type", () => {
    const queries = parseQuerySet(readFileSync(path, "utf8"), path);
    const seen = new Set<string>();
    for (const q of queries) {
      const words = textWords(q.text);
      const topics = TOPICS.filter((t) => words.has(t));
      expect(topics, q.text).toHaveLength(1);
      seen.add(`${q.type}/${topics[0]}`);
    }
    expect(seen.size).toBe(4 * TOPICS.length);
  });
});
