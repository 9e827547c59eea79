import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NameIndex } from "../../src/routing/name-index.js";

describe("NameIndex", () => {
  it("numbers names densely in first-seen order, the same id every time", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 3 })), (names) => {
        const index = new NameIndex();
        const ids = names.map((n) => index.intern(n));
        const firstSeen = [...new Set(names)];
        expect(index.names).toEqual(firstSeen);
        expect(index.size).toBe(firstSeen.length);
        names.forEach((n, i) => {
          expect(ids[i]).toBe(firstSeen.indexOf(n));
          expect(index.find(n)).toBe(ids[i]);
        });
      }),
    );
  });

  it("starts from initial names, and finds an unknown one as −1 without adding it", () => {
    const index = new NameIndex(["neo4j", "qdrant", "neo4j"]);
    expect(index.names).toEqual(["neo4j", "qdrant"]);
    expect(index.find("mem0")).toBe(-1);
    expect(index.size).toBe(2);
    // A prototype name is an ordinary name.
    expect(index.find("constructor")).toBe(-1);
    expect(index.intern("constructor")).toBe(2);
  });
});
