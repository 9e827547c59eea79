import { describe, expect, it } from "vitest";
import { simulateTrace } from "../../src/calibration/simulate-trace.js";
import { runSimulation } from "../../src/sim/run/run-simulation.js";
import { loadScenario } from "../../src/sim/scenario/load.js";

const FILE = "data/scenarios/default.json";

describe("simulateTrace", () => {
  it("takes a scenario or its file", () => {
    const fromFile = simulateTrace({ scenario: FILE, rounds: 400, seed: 3 });
    expect(simulateTrace({ scenario: loadScenario(FILE), rounds: 400, seed: 3 })).toEqual(fromFile);
    expect(fromFile.length).toBeGreaterThan(0);
  });

  it("records the run the plain strategy makes: same router stream, same traffic", () => {
    const rounds = 2_000;
    const rows = simulateTrace({ scenario: FILE, rounds, seed: 8, strategy: "thompson" });
    const plain = runSimulation({
      scenario: loadScenario(FILE),
      strategy: "thompson",
      rounds,
      seed: 8,
    });
    // Feed-forward: one request per query, each completed request one row.
    const counts: Record<string, number> = {};
    for (const r of rows) counts[r.backend] = (counts[r.backend] ?? 0) + 1;
    for (const [backend, share] of Object.entries(plain.totals.trafficShare)) {
      expect(((counts[backend] ?? 0) / rows.length).toFixed(9), backend).toBe(share.toFixed(9));
    }
  });
});
