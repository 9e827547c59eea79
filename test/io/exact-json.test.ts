import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseExactJson, stringifyExactJson } from "../../src/io/exact-json.js";

/** JSON-like values over every double, NaN, ±Infinity and −0 included. */
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.double(),
    fc.string(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string(), tie("value"), { maxKeys: 4 }),
  ),
}));

describe("stringifyExactJson / parseExactJson", () => {
  it("give back every number bit for bit, where plain JSON loses NaN, ±Infinity and −0", () => {
    fc.assert(
      fc.property(value, (v) => {
        // toEqual tells −0 from 0 and NaN equals NaN: an exact comparison of the numbers.
        expect(parseExactJson(stringifyExactJson(v))).toEqual(v);
      }),
    );
    const specials = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0];
    expect(JSON.parse(JSON.stringify(specials))).not.toEqual(specials);
  });

  it("writes the four special numbers as tagged objects, other numbers as plain JSON", () => {
    expect(stringifyExactJson({ p99: Number.NaN, n: 3 })).toBe('{"p99":{"$number":"NaN"},"n":3}');
    expect(stringifyExactJson([-0, Number.NEGATIVE_INFINITY])).toBe(
      '[{"$number":"-0"},{"$number":"-Infinity"}]',
    );
  });

  it("leaves objects that only look like tags alone", () => {
    for (const text of [
      '{"$number":"pi"}',
      '{"$number":"NaN","other":1}',
      '{"$number":7}',
      '[{"$number":"toString"}]',
    ]) {
      expect(parseExactJson(text)).toEqual(JSON.parse(text));
    }
  });

  it("throws a SyntaxError on text that is not JSON", () => {
    expect(() => parseExactJson("{")).toThrow(SyntaxError);
  });
});
