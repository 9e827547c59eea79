/**
 * Hashes a list of keys (numbers or strings) to a 32-bit integer with FNV-1a,
 * then mixes it (murmur3 finaliser) so that nearby keys give unrelated seeds.
 *
 * @param keys the values that identify a stream, e.g. seed, repetition, purpose
 * @returns an unsigned 32-bit integer
 * @example hashKeys([42, 0, "latency:neo4j"])
 */
export function hashKeys(keys: readonly (number | string)[]): number {
  let h = 0x811c9dc5;
  for (const key of keys) {
    const text = typeof key === "number" ? `n${key}` : `s${key}`;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x1f; // key separator, so ["ab"] and ["a","b"] differ
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
