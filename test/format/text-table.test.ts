import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { textTable } from "../../src/format/text-table.js";

describe("textTable", () => {
  it("aligns the first column left and the others right, with a rule under the header", () => {
    expect(
      textTable([
        ["backend", "p99"],
        ["neo4j", "120 ms"],
        ["qdrant", "9 ms"],
      ]),
    ).toBe(["backend     p99", "-------  ------", "neo4j    120 ms", "qdrant     9 ms"].join("\n"));
  });

  it("gives every line the same width and keeps every cell, in its column", () => {
    const cell = fc.stringMatching(/^[a-z0-9.]{0,8}$/);
    const table = fc.integer({ min: 1, max: 4 }).chain((cols) =>
      fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), {
        minLength: 1,
        maxLength: 6,
      }),
    );
    fc.assert(
      fc.property(table, (rows) => {
        const lines = textTable(rows).split("\n");
        expect(lines).toHaveLength(rows.length + 1);
        const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
        const total = widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
        for (const line of lines) expect(line).toHaveLength(total);
        expect(lines[1]).toBe(widths.map((w) => "-".repeat(w)).join("  "));
        const body = [lines[0], ...lines.slice(2)];
        rows.forEach((row, i) => {
          let at = 0;
          row.forEach((text, c) => {
            const slot = body[i].slice(at, at + widths[c]);
            expect(c === 0 ? slot.trimEnd() : slot.trimStart()).toBe(text);
            at += widths[c] + 2;
          });
        });
      }),
    );
  });

  it("is empty for no rows", () => {
    expect(textTable([])).toBe("");
  });
});
