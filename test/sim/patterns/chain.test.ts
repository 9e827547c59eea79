import { describe, expect, it } from "vitest";
import { runSimulation, type Scenario } from "../../../src/sim/index.js";
import { ProbeRouter, uniformScenario } from "../helpers.js";

describe("chain", () => {
  const backend = (p: number): Scenario["backends"][string] => ({
    latencyMs: { type: "constant", value: 10 },
    relevance: { default: { type: "bernoulli", p } },
  });
  const scenario: Scenario = {
    ...uniformScenario(1, backend(0.5)),
    backends: { a: backend(0.5), b: backend(0.5), c: backend(0.5) },
  };

  it("chain calls every stage in sequence", () => {
    const r = runSimulation({
      scenario,
      strategy: () => new ProbeRouter("a"),
      pattern: "chain:stages=3",
      rounds: 1000,
      seed: 2,
    });
    expect(r.totals.callsPerQuery).toBe(3);
    expect(r.totals.latency.p50).toBeCloseTo(30, 0);
  });
});
