/**
 * Reads a value from parsed JSON by a dotted path; array indices are path segments.
 *
 * @param data parsed JSON
 * @param path e.g. `decision.strategies.0.medianPerSecond`
 * @returns the value, or `undefined` when any segment is missing
 * @example valueAt({ a: [{ b: 2 }] }, "a.0.b") // 2
 */
export function valueAt(data: unknown, path: string): unknown {
  let node: unknown = data;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
