import type { Scenario } from "../../../src/sim/index.js";
import { uniformScenario } from "../helpers.js";

/**
 * Valid by the schema, yet its latencies overflow at run time: draws near 1e300 (finite, as
 * the schema requires) times a degradation factor of 1e300.
 */
export function overflowing(): Scenario {
  return uniformScenario(2, {
    latencyMs: { type: "exponential", mean: 1e300 },
    relevance: { default: { type: "constant", value: 1 } },
    windows: [{ kind: "degradation", startMs: 0, endMs: 1e12, latencyFactor: 1e300 }],
  });
}

/** Bypasses validation (no parseScenario): a Beta the schema would reject draws NaN. */
export function nanRelevance(): Scenario {
  return uniformScenario(1, {
    latencyMs: { type: "constant", value: 1 },
    relevance: { default: { type: "constant", value: 1 } },
    windows: [
      {
        kind: "drift",
        startMs: 0,
        relevance: { default: { type: "beta", alpha: 1e200, beta: 1e200 } },
      },
    ],
  });
}
