import { describe, expect, it } from "vitest";
import { scenarioIncidents } from "../../../src/sim/scenario/incidents.js";
import { loadScenario } from "../../../src/sim/scenario/load.js";
import { withWindows } from "./with-windows.js";

describe("scenarioIncidents", () => {
  it("labels the degraded scenario's incident with every change it makes", () => {
    const incidents = scenarioIncidents(loadScenario("data/scenarios/degraded.json"), 100_000);
    expect(incidents).toEqual([
      {
        backend: "mem0",
        kind: "degradation",
        startMs: 10_000,
        endMs: 60_000,
        label: "mem0 degraded (latency × 5, +20 ms, +5 % failures)",
      },
    ]);
  });

  it("labels outages by mode, leaves out changes a degradation does not make, sorts by start", () => {
    const incidents = scenarioIncidents(
      withWindows({
        neo4j: [{ kind: "outage", startMs: 8_000, endMs: 9_000, mode: "timeout" }],
        qdrant: [{ kind: "outage", startMs: 6_000, endMs: 7_000 }],
        mem0: [{ kind: "degradation", startMs: 1_000, endMs: 2_000, latencyFactor: 1 }],
      }),
      50_000,
    );
    expect(incidents.map((i) => [i.startMs, i.label])).toEqual([
      [1_000, "mem0 degraded"],
      [6_000, "qdrant down (error)"],
      [8_000, "neo4j down (timeout)"],
    ]);
  });

  it("lets a drift last to the end of the run, and be empty when it starts after it", () => {
    const scenario = withWindows({
      mem0: [{ kind: "drift", startMs: 30_000, failureProbability: 0.2 }],
    });
    expect(scenarioIncidents(scenario, 80_000)[0]).toMatchObject({
      kind: "drift",
      startMs: 30_000,
      endMs: 80_000,
      label: "mem0 drifts",
    });
    const late = scenarioIncidents(scenario, 10_000)[0];
    expect(late.endMs).toBe(late.startMs);
  });
});
