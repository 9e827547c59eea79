import { describe, expect, it } from "vitest";
import { RecordingRouter } from "../../src/routing/recording-router.js";
import { createRouter } from "../../src/routing/registry.js";
import type { TraceRow } from "../../src/traces/trace-row.js";

describe("RecordingRouter", () => {
  it("logs each outcome as a trace row and still lets the router learn from it", () => {
    const rows: TraceRow[] = [];
    const router = new RecordingRouter(createRouter("thompson", { seed: 1 }), rows);
    const available = ["neo4j", "qdrant"];
    const d = router.select({ type: "similarity" }, { available, now: 0 });
    router.record({ decision: d, relevance: 0.8, latencyMs: 12, success: true, now: 12 });
    router.record({ decision: d, backend: "neo4j", relevance: 0, latencyMs: 30, now: 40 });
    expect(rows).toEqual([
      {
        backend: d.backend,
        latencyMs: 12,
        timestamp: 12,
        queryType: "similarity",
        relevance: 0.8,
        success: true,
      },
      // A hedge or fan-out answer names the backend that served, not the one chosen.
      {
        backend: "neo4j",
        latencyMs: 30,
        timestamp: 40,
        queryType: "similarity",
        relevance: 0,
        success: undefined,
      },
    ]);
    expect(router.stats()).toMatchObject({ strategy: "thompson", decisions: 1, outcomes: 2 });
    expect(router.name).toBe("thompson");
  });
});
