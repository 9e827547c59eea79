import { pathFromRoot } from "../lab/path-from-root.js";
import { resolveScenario } from "../sim/scenario/resolve.js";
import { scenarioSource } from "../sim/scenario/source.js";
import type { Scenario } from "../sim/scenario/spec.js";

/** A study's scenario, and where it came from as its results file shows it. */
export interface StudyScenario {
  scenario: Scenario;
  /** The scenario file relative to the project root when inside it, else a label. */
  source: string;
}

/**
 * Resolves a study's `scenario` option (a loaded scenario or a path). A loaded scenario shows
 * the file `loadScenario` read it from, or `scenario "name"` for one built in memory.
 *
 * @param input a scenario or its file
 * @returns the scenario and its source
 * @throws {ScenarioError} for a file that is missing or malformed
 */
export function studyScenario(input: Scenario | string): StudyScenario {
  const scenario = resolveScenario(input);
  if (typeof input === "string") return { scenario, source: pathFromRoot(input) };
  const source = scenarioSource(scenario);
  // scenarioSource's fallback for a scenario it has no file for is this label, not a path.
  const label = `scenario ${JSON.stringify(scenario.name)}`;
  return { scenario, source: source === label ? label : pathFromRoot(source) };
}
