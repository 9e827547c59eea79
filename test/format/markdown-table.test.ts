import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { markdownTable } from "../../src/format/markdown-table.js";
import { parseTables } from "../../src/report/verify.js";

describe("markdownTable", () => {
  it("writes a GFM table with per-column alignment", () => {
    expect(
      markdownTable(
        [
          ["backend", "p99"],
          ["qdrant", "12 ms"],
        ],
        { align: ["left", "right"] },
      ),
    ).toBe("| backend | p99 |\n| --- | ---: |\n| qdrant | 12 ms |");
    expect(markdownTable([["a", "b"]], { align: "right", compactRule: true })).toBe(
      "| a | b |\n|---:|---:|",
    );
    expect(() => markdownTable([])).toThrow(RangeError);
  });

  it("round-trips through the report's table parser, pipes escaped", () => {
    const text = fc.stringMatching(/^[a-z0-9 |%.]{1,10}$/).map((s) => s.trim() || "x");
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((n) =>
          fc.array(fc.array(text, { minLength: n, maxLength: n }), {
            minLength: 2,
            maxLength: 5,
          }),
        ),
        (rows) => {
          const md = markdownTable(rows, { escape: true, compactRule: true });
          const [table] = parseTables(md);
          expect(table).toEqual(rows.slice(1));
        },
      ),
    );
  });
});
