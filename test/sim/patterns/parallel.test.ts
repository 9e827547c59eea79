import { describe, expect, it } from "vitest";
import { runSimulation } from "../../../src/sim/index.js";
import { uniformScenario } from "../helpers.js";

describe("parallel fan-out, wait for all", () => {
  // With N backends each slow with probability p independently, a query waiting for all N
  // is slow with probability 1 − (1 − p)^N (The Tail at Scale: 1 % and N = 100 give 63 %).
  const p = 0.01;
  for (const [N, n] of [
    [1, 50_000],
    [5, 50_000],
    [100, 4_000],
  ]) {
    it(`of ${N} gives the slow fraction 1 − (1 − p)^${N}`, () => {
      const scenario = uniformScenario(N, {
        latencyMs: {
          type: "mixture",
          components: [
            { weight: 1 - p, distribution: { type: "constant", value: 10 } },
            { weight: p, distribution: { type: "constant", value: 1000 } },
          ],
        },
        relevance: { default: { type: "constant", value: 1 } },
      });
      const r = runSimulation({
        scenario,
        strategy: "random",
        pattern: "parallel",
        rounds: n,
        seed: N,
      });
      expect(r.totals.callsPerQuery).toBe(N);
      const slow = 1 - r.totals.sloAttainment; // SLO 500 ms: slow queries miss it
      const expected = 1 - (1 - p) ** N;
      // Binomial over n queries; 5 sd.
      expect(Math.abs(slow - expected)).toBeLessThan(
        5 * Math.sqrt((expected * (1 - expected)) / n) + 1 / n,
      );
    });
  }
});
