import { describe, expect, it } from "vitest";
import { DEFAULT_QUERY_TYPES, loadQuerySet, parseQuerySet } from "../../src/routing/index.js";

describe("query sets", () => {
  it("loads the bundled set: a few hundred queries over the five types", () => {
    const qs = loadQuerySet();
    expect(qs.length).toBeGreaterThanOrEqual(300);
    for (const type of DEFAULT_QUERY_TYPES) {
      expect(qs.filter((q) => q.type === type).length).toBeGreaterThanOrEqual(50);
    }
    expect(new Set(qs.map((q) => q.text)).size).toBe(qs.length);
  });

  it("names the line and field of a bad record", () => {
    expect(() => parseQuerySet('{"text":"a","type":"t"}\n\n{"text":"b"}', "q.jsonl")).toThrow(
      /q\.jsonl:3: type/,
    );
    expect(() => parseQuerySet("{nope", "q.jsonl")).toThrow(/q\.jsonl:1.*not valid JSON/);
    expect(() => parseQuerySet('{"text":"","type":"t"}', "q.jsonl")).toThrow(/q\.jsonl:1: text/);
    expect(() => parseQuerySet("\n", "q.jsonl")).toThrow(/holds no queries/);
  });
});
