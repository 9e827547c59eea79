import { describe, expect, it } from "vitest";
import { recommendationHorizon } from "../../src/analysis/horizon.js";
import type { RecommendationAction } from "../../src/profiling/index.js";

describe("recommendationHorizon", () => {
  // Every kind of change `recommend` proposes; the record makes tsc fail when a kind is added.
  const expected: Record<RecommendationAction["kind"], string> = {
    hedge: "immediate",
    "shift-traffic": "immediate",
    retry: "immediate",
    timeout: "immediate",
    prior: "immediate",
    "retune-discount": "immediate",
    "switch-strategy": "medium-term",
    "grow-cache": "long-term",
    "cache-decisions": "long-term",
  };

  it("schedules an advised change by how much work it is, with a reason", () => {
    for (const [kind, horizon] of Object.entries(expected)) {
      const h = recommendationHorizon(kind as RecommendationAction["kind"]);
      expect(h.horizon, kind).toBe(horizon);
      expect(h.reason.length, kind).toBeGreaterThan(0);
    }
  });

  it("gives configuration changes, strategy switches and infrastructure different reasons", () => {
    const reasons = new Set(
      (["hedge", "switch-strategy", "grow-cache"] as const).map(
        (k) => recommendationHorizon(k).reason,
      ),
    );
    expect(reasons.size).toBe(3);
  });
});
