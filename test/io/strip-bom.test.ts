import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stripBom } from "../../src/io/strip-bom.js";

describe("stripBom", () => {
  it("removes one leading byte-order mark and nothing else", () => {
    expect(stripBom('\uFEFF{"a":1}')).toBe('{"a":1}');
    expect(stripBom("\uFEFF\uFEFFx")).toBe("\uFEFFx");
    expect(stripBom("a\uFEFF")).toBe("a\uFEFF");
    expect(stripBom("")).toBe("");
    fc.assert(
      fc.property(fc.string(), (s) => {
        const plain = s.startsWith("\uFEFF") ? s.slice(1) : s;
        expect(stripBom(`\uFEFF${plain}`)).toBe(plain);
        expect(stripBom(plain)).toBe(plain);
      }),
    );
  });
});
