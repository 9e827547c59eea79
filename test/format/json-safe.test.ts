import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toJsonSafe } from "../../src/format/json-safe.js";

/**
 * JSON-like values whose numbers include NaN and ±Infinity. Not −0: JSON writes it as 0 and
 * toJsonSafe keeps it (a round trip that keeps −0 is io/exact-json's job).
 */
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.double().filter((x) => !Object.is(x, -0)),
    fc.string(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string(), tie("value"), { maxKeys: 4 }),
  ),
}));

describe("toJsonSafe", () => {
  it("makes non-finite numbers explicit nulls, deep inside objects and arrays", () => {
    expect(
      toJsonSafe({ p99: Number.NaN, xs: [1, Number.POSITIVE_INFINITY], y: { z: -Infinity } }),
    ).toEqual({ p99: null, xs: [1, null], y: { z: null } });
  });

  it("drops undefined fields, as JSON does", () => {
    expect(toJsonSafe({ a: undefined, b: 1 })).toEqual({ b: 1 });
  });

  it("round-trips through JSON unchanged: the object and its JSON agree field by field", () => {
    fc.assert(
      fc.property(value, (v) => {
        const safe = toJsonSafe(v);
        expect(JSON.parse(JSON.stringify(safe))).toEqual(safe);
      }),
    );
  });

  it("copies rather than changes its input, and keeps finite numbers exactly", () => {
    fc.assert(
      fc.property(value, (v) => {
        const before = JSON.stringify(v);
        toJsonSafe(v);
        expect(JSON.stringify(v)).toBe(before);
      }),
    );
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Object.is(toJsonSafe(x), x)).toBe(true);
      }),
    );
  });
});
