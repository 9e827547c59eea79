/**
 * Makes a value JSON-faithful: `NaN` and ±Infinity (which `JSON.stringify` writes as `null`
 * silently) become explicit `null`s, so the JSON and the object agree field by field.
 *
 * @param value any JSON-like value (objects, arrays, numbers, strings, booleans, null)
 * @returns a deep copy with non-finite numbers replaced by `null`
 */
export function toJsonSafe(value: unknown): unknown {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(toJsonSafe);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) out[k] = toJsonSafe(v);
    }
    return out;
  }
  return value;
}
