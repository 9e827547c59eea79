import type { Scenario } from "./spec.js";

/** A time window of the scenario in which a backend misbehaves (from the scenario file). */
export interface Incident {
  backend: string;
  kind: "degradation" | "outage" | "drift";
  startMs: number;
  /** End of the window; a drift (which lasts) ends with the run. */
  endMs: number;
  /** One line, e.g. `mem0 degraded (latency × 5, +20 ms, +5 % failures)`. */
  label: string;
}

/**
 * The windows in which a scenario's backends misbehave, labelled for a figure or a table, in
 * start order. Unlike `scenarioEvents` (what changes and when the change is complete), an
 * incident spans the time the backend is off: a drift lasts to the end of the run.
 *
 * @param scenario a validated scenario
 * @param runEndMs the virtual time the run ended, ms (where a drift's incident ends)
 * @returns one incident per window
 * @example scenarioIncidents(loadScenario("data/scenarios/degraded.json"), 100_000)[0].label
 *   // "mem0 degraded (latency × 5, +20 ms, +5 % failures)"
 */
export function scenarioIncidents(scenario: Scenario, runEndMs: number): Incident[] {
  const out: Incident[] = [];
  for (const [backend, spec] of Object.entries(scenario.backends)) {
    for (const w of spec.windows ?? []) {
      let label: string;
      if (w.kind === "degradation") {
        const parts: string[] = [];
        if ((w.latencyFactor ?? 1) !== 1) parts.push(`latency × ${w.latencyFactor}`);
        if (w.addLatencyMs) parts.push(`+${w.addLatencyMs} ms`);
        if (w.failureProbability) parts.push(`+${w.failureProbability * 100} % failures`);
        label = `${backend} degraded${parts.length > 0 ? ` (${parts.join(", ")})` : ""}`;
      } else if (w.kind === "outage") {
        label = `${backend} down (${w.mode ?? "error"})`;
      } else {
        label = `${backend} drifts`;
      }
      out.push({
        backend,
        kind: w.kind,
        startMs: w.startMs,
        // A drift lasts: it ends with the run (or starts after it, and then is empty).
        endMs: w.kind === "drift" ? Math.max(w.startMs, runEndMs) : w.endMs,
        label,
      });
    }
  }
  return out.sort((a, b) => a.startMs - b.startMs);
}
