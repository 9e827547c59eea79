import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { ScenarioError } from "./errors.js";
import { parseScenarioText } from "./parse.js";
import type { Scenario } from "./spec.js";

/**
 * Reads and validates a scenario file; a `workload.queries.file` is read relative to it and
 * inlined, so the returned scenario is self-contained.
 *
 * @param path the scenario file (JSON)
 * @returns the validated scenario
 * @throws {ScenarioError} naming the file and each bad field, e.g.
 *   `data/scenarios/x.json: backends.neo4j.latencyMs.p99 must be greater than median`
 * @example const scenario = loadScenario("data/scenarios/default.json");
 */
export function loadScenario(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new ScenarioError(path, [
      { path: "", message: `cannot be read (${(err as Error).message})` },
    ]);
  }
  return parseScenarioText(text, path, { baseDir: dirname(path) });
}
