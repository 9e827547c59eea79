import { describe, expect, it } from "vitest";
import { recommendationHorizon } from "../../src/analysis/recommendation-horizon.js";
import type { Verdict } from "../../src/analysis/what-if-verdict.js";
import type { RecommendationAction } from "../../src/profiling/index.js";

describe("recommendationHorizon", () => {
  const kinds: RecommendationAction["kind"][] = [
    "hedge",
    "shift-traffic",
    "retune-discount",
    "switch-strategy",
    "grow-cache",
    "cache-decisions",
  ];
  const verdicts: Verdict[] = ["verified", "trade-off", "refuted", "not-simulated"];

  it("is immediate exactly for a verified configuration change", () => {
    for (const kind of kinds) {
      for (const verdict of verdicts) {
        const { horizon, reason } = recommendationHorizon(kind, verdict);
        const config = kind === "hedge" || kind === "shift-traffic" || kind === "retune-discount";
        expect(horizon === "immediate", `${kind} ${verdict}`).toBe(
          config && verdict === "verified",
        );
        expect(reason.length).toBeGreaterThan(0);
      }
    }
  });

  it("puts caches long-term and strategy switches and fallbacks medium-term, whatever the verdict", () => {
    for (const verdict of verdicts) {
      expect(recommendationHorizon("grow-cache", verdict).horizon).toBe("long-term");
      expect(recommendationHorizon("cache-decisions", verdict).horizon).toBe("long-term");
      expect(recommendationHorizon("switch-strategy", verdict).horizon).toBe("medium-term");
      expect(recommendationHorizon(undefined, verdict).horizon).toBe("medium-term");
    }
    expect(recommendationHorizon("hedge", "trade-off").horizon).toBe("medium-term");
    expect(recommendationHorizon("shift-traffic", "refuted").horizon).toBe("medium-term");
  });
});
