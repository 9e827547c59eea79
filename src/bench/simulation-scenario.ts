import { fileURLToPath } from "node:url";

/**
 * The bundled default scenario, resolved from this module's location (two folders below the
 * package root in both src/ and dist/), so benchmarks run from any working directory.
 *
 * @returns the absolute path of data/scenarios/default.json
 */
export function defaultScenarioPath(): string {
  return fileURLToPath(new URL("../../data/scenarios/default.json", import.meta.url));
}

/**
 * The bundled scenario with a result cache (the default's backends, repeated queries, LRU).
 *
 * @returns the absolute path of data/scenarios/cached.json
 */
export function cachedScenarioPath(): string {
  return fileURLToPath(new URL("../../data/scenarios/cached.json", import.meta.url));
}
