import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitCsvLine } from "../../src/traces/split-csv-line.js";

/** RFC 4180 quoting of one field: wrap in quotes, double the quotes inside. */
const quote = (field: string) => `"${field.replaceAll('"', '""')}"`;

describe("splitCsvLine", () => {
  it("splits plain and quoted fields, with commas and doubled quotes inside quotes", () => {
    expect(splitCsvLine("a,b,,c")).toEqual(["a", "b", "", "c"]);
    expect(splitCsvLine('a,"b, c",d')).toEqual(["a", "b, c", "d"]);
    expect(splitCsvLine('"say ""hi""",x')).toEqual(['say "hi"', "x"]);
    expect(splitCsvLine('x,""')).toEqual(["x", ""]);
    expect(splitCsvLine('"a",')).toEqual(["a", ""]);
  });

  it("gives back any fields written with RFC 4180 quoting, quoted or not", () => {
    // Fields without line breaks (a trace row is one line); a field is written plain when it
    // holds no comma or quote, else quoted, as a CSV writer would, or quoted regardless.
    const field = fc.string().filter((s) => !/[\r\n]/.test(s));
    fc.assert(
      fc.property(fc.array(fc.tuple(field, fc.boolean()), { minLength: 1 }), (cells) => {
        const line = cells
          .map(([f, always]) => (always || /[",]/.test(f) ? quote(f) : f))
          .join(",");
        expect(splitCsvLine(line)).toEqual(cells.map(([f]) => f));
      }),
    );
  });

  it("describes an unterminated quote or text after a closing quote, by character", () => {
    expect(splitCsvLine('a,"open')).toBe("unterminated quoted field starting at character 3");
    expect(splitCsvLine('"a"b,c')).toBe("unexpected text after closing quote at character 4");
  });
});
