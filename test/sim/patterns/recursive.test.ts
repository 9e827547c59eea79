import { describe, expect, it } from "vitest";
import { runSimulation, type Scenario } from "../../../src/sim/index.js";
import { ProbeRouter, uniformScenario } from "../helpers.js";

describe("recursive", () => {
  const backend = (p: number): Scenario["backends"][string] => ({
    latencyMs: { type: "constant", value: 10 },
    relevance: { default: { type: "bernoulli", p } },
  });
  const scenario: Scenario = {
    ...uniformScenario(1, backend(0.5)),
    backends: { a: backend(0.5), b: backend(0.5), c: backend(0.5) },
  };

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
