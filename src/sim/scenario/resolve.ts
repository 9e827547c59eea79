import { loadScenario } from "./load.js";
import type { Scenario } from "./spec.js";

/**
 * The one convention for a scenario input, `Scenario | string`: a scenario already loaded, or
 * the path of a scenario file to load.
 *
 * @param scenario a validated scenario, or its file
 * @returns the scenario (the same object when one was given)
 * @throws {ScenarioError} for a file that is missing or malformed
 * @example resolveScenario("data/scenarios/default.json").name // "default"
 */
export function resolveScenario(scenario: Scenario | string): Scenario {
  return typeof scenario === "string" ? loadScenario(scenario) : scenario;
}
