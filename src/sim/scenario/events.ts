import type { BackendId } from "../../routing/types.js";
import type { Scenario } from "./spec.js";

/** A change the scenario makes at a point in virtual time. */
export interface ScenarioEvent {
  backend: BackendId;
  kind: "drift" | "degradation" | "outage";
  startMs: number;
  /** End of a degradation or outage; ramp end of a drift; null for an instant lasting change. */
  endMs: number | null;
}

/**
 * The time-bounded changes of a scenario, from its backends' windows, in start order (ties by
 * backend name).
 *
 * @param scenario a validated scenario
 * @returns one event per window
 * @example scenarioEvents(loadScenario("data/scenarios/drift.json"))[0] // { backend: "hybrid", kind: "drift", startMs: 20000, endMs: 30000 }
 */
export function scenarioEvents(scenario: Scenario): ScenarioEvent[] {
  const events: ScenarioEvent[] = [];
  for (const [backend, spec] of Object.entries(scenario.backends)) {
    for (const w of spec.windows ?? []) {
      const endMs =
        w.kind === "drift" ? (w.rampMs ? w.startMs + w.rampMs : null) : (w.endMs ?? null);
      events.push({ backend, kind: w.kind, startMs: w.startMs, endMs });
    }
  }
  return events.sort((a, b) => a.startMs - b.startMs || a.backend.localeCompare(b.backend));
}
