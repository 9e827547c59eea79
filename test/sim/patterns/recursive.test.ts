import { describe, expect, it } from "vitest";
import { runSimulation } from "../../../src/sim/index.js";
import { ProbeRouter } from "../helpers.js";
import { coinScenario } from "./coin-scenario.js";

describe("recursive", () => {
  const scenario = coinScenario;

  it("recursive re-routes while relevance is below the threshold, up to maxIterations", () => {
    const n = 40_000;
    const r = runSimulation({
      scenario,
      strategy: () => new ProbeRouter("a"),
      pattern: "recursive:maxIterations=3",
      rounds: n,
      seed: 2,
    });
    // Attempts until the first success, capped at 3: E = 1 + ½ + ¼ = 1.75 calls; success
    // 1 − ⅛. Binomial-style 5 sd bounds (the calls' sd per query is < 1).
    expect(Math.abs(r.totals.callsPerQuery - 1.75)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(r.totals.successRate - 0.875)).toBeLessThan(5 * Math.sqrt((0.875 * 0.125) / n));
    expect(r.totals.latency.max).toBeCloseTo(30, 0);
  });
});
