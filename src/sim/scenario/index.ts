export { ScenarioError, type ScenarioIssue } from "./errors.js";
export { type ScenarioEvent, scenarioEvents } from "./events.js";
export { formatIssues, formatPath } from "./format-issues.js";
export { type Incident, scenarioIncidents } from "./incidents.js";
export { loadScenario } from "./load.js";
export { type ParseScenarioOptions, parseScenario, parseScenarioText } from "./parse.js";
export { resolveScenario } from "./resolve.js";
export { scenarioSchema } from "./schema.js";
export { scenarioSource } from "./source.js";
export type {
  BackendSpec,
  CachePolicy,
  CacheSpec,
  CapacitySpec,
  ClosedArrivals,
  DegradationWindow,
  DriftWindow,
  OutageWindow,
  PoissonArrivals,
  QuerySetSpec,
  Scenario,
  SloSpec,
  WindowSpec,
  WorkloadSpec,
} from "./spec.js";
