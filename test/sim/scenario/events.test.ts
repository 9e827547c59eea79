import { describe, expect, it } from "vitest";
import { scenarioEvents } from "../../../src/sim/scenario/events.js";
import { loadScenario } from "../../../src/sim/scenario/load.js";
import { withWindows } from "./with-windows.js";

describe("scenarioEvents", () => {
  it("lists the drift scenario's changes in time order with their ramps", () => {
    const events = scenarioEvents(loadScenario("data/scenarios/drift.json"));
    expect(events.map((e) => [e.backend, e.startMs, e.endMs])).toEqual([
      ["hybrid", 20_000, 30_000],
      ["qdrant", 20_000, 30_000],
      ["neo4j", 30_000, null],
    ]);
  });

  it("ends a degradation or outage with its window and an unramped drift nowhere", () => {
    const events = scenarioEvents(
      withWindows({
        neo4j: [{ kind: "outage", startMs: 5_000, endMs: 7_000 }],
        mem0: [
          { kind: "degradation", startMs: 1_000, endMs: 2_000, latencyFactor: 3 },
          { kind: "drift", startMs: 9_000, failureProbability: 0.5 },
        ],
      }),
    );
    expect(events).toEqual([
      { backend: "mem0", kind: "degradation", startMs: 1_000, endMs: 2_000 },
      { backend: "neo4j", kind: "outage", startMs: 5_000, endMs: 7_000 },
      { backend: "mem0", kind: "drift", startMs: 9_000, endMs: null },
    ]);
  });

  it("has no event for a scenario without windows", () => {
    expect(scenarioEvents(loadScenario("data/scenarios/default.json"))).toEqual([]);
  });
});
