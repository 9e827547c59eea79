import { describe, expect, it } from "vitest";
import { runSimulation } from "../../../src/sim/index.js";
import { ProbeRouter } from "../helpers.js";
import { coinScenario } from "./coin-scenario.js";

describe("chain", () => {
  const scenario = coinScenario;

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
