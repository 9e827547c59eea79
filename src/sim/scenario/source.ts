import type { Scenario } from "./spec.js";

// Kept beside the scenario rather than in it: a scenario stays the plain JSON of its file (it
// is compared, cloned to worker threads and written back), while errors found later, in a run,
// can still name the file the user must fix.
const sources = new WeakMap<Scenario, string>();

/**
 * Records where a validated scenario came from ({@link parseScenario} does this).
 *
 * @param scenario the scenario object
 * @param source its file or label
 * @returns the scenario
 */
export function rememberSource(scenario: Scenario, source: string): Scenario {
  sources.set(scenario, source);
  return scenario;
}

/**
 * Where a scenario came from, for error messages: the file given to `loadScenario` (or the
 * source given to `parseScenario`), else `scenario "name"`. Only the object that was returned
 * is known: a copy, e.g. one cloned to a worker thread, falls back to its name.
 *
 * @param scenario the scenario
 * @returns the file or a label
 * @example scenarioSource(loadScenario("data/scenarios/default.json")) // "data/scenarios/default.json"
 */
export function scenarioSource(scenario: Scenario): string {
  return sources.get(scenario) ?? `scenario ${JSON.stringify(scenario.name)}`;
}
