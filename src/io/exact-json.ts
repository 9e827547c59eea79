/**
 * JSON that gives back exactly the numbers it was given. Plain JSON writes NaN and ±Infinity
 * as `null` and −0 as `0`, so a simulation result read back from a checkpoint or a job queue
 * would aggregate differently from the one computed in memory (a mean over `null` is not a
 * mean over NaN). These four values are written as `{"$number": "NaN" | "Infinity" |
 * "-Infinity" | "-0"}`; every finite number round-trips through JSON exactly already
 * (ECMAScript prints the shortest text that parses back to the same double).
 */

const TAG = "$number";
const SPECIAL: Record<string, number> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  "-Infinity": Number.NEGATIVE_INFINITY,
  "-0": -0,
};

/**
 * Serialises a value so that {@link parseExactJson} returns every number bit for bit.
 *
 * @param value plain data (objects, arrays, strings, numbers, booleans, null)
 * @returns the JSON text (compact)
 * @example stringifyExactJson({ p99: Number.NaN }) // '{"p99":{"$number":"NaN"}}'
 */
export function stringifyExactJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== "number") return v;
    if (Number.isNaN(v)) return { [TAG]: "NaN" };
    if (v === Number.POSITIVE_INFINITY) return { [TAG]: "Infinity" };
    if (v === Number.NEGATIVE_INFINITY) return { [TAG]: "-Infinity" };
    if (Object.is(v, -0)) return { [TAG]: "-0" };
    return v;
  });
}

/**
 * Parses what {@link stringifyExactJson} wrote.
 *
 * @param text the JSON text
 * @returns the value, with NaN, ±Infinity and −0 restored
 * @throws {SyntaxError} when the text is not JSON
 * @example parseExactJson('{"x":{"$number":"-0"}}').x // -0
 */
export function parseExactJson(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (typeof v === "object" && v !== null && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const tag = (v as Record<string, unknown>)[TAG];
      if (keys.length === 1 && typeof tag === "string" && Object.hasOwn(SPECIAL, tag)) {
        return SPECIAL[tag];
      }
    }
    return v;
  });
}
