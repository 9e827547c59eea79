import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { textTable } from "../../src/format/text-table.js";

/** The hand-written layout textTable replaced, for ASCII cells: the oracle. */
function padded(rows: string[][], rule: boolean): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
  const ruleLine = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(rows[0]), ...(rule ? [ruleLine] : []), ...rows.slice(1).map(line)].join("\n");
}

const cell = fc.stringMatching(/^[a-z0-9.%]{1,8}$/);

describe("textTable", () => {
  it("lays ASCII rows out as the hand-written table did: labels left, numbers right", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((columns) =>
          fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), {
            minLength: 1,
            maxLength: 6,
          }),
        ),
        fc.boolean(),
        (rows, rule) => {
          expect(textTable(rows, { rule })).toBe(padded(rows, rule));
        },
      ),
    );
  });

  it("aligns by display width: a wide character takes two columns", () => {
    const t = textTable(
      [
        ["name", "n"],
        ["漢字", "1"],
        ["ab", "22"],
      ],
      { rule: false },
    ).split("\n");
    expect(t).toEqual(["name   n", "漢字   1", "ab    22"]);
  });

  it("takes alignment per column, fills short rows, and is empty for no rows", () => {
    expect(textTable([["a", "bb"], ["ccc"]], { align: ["right", "left"], rule: false })).toBe(
      "  a  bb\nccc    ",
    );
    expect(textTable([])).toBe("");
  });
});
