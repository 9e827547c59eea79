import { describe, expect, it } from "vitest";
import { ConstantRouter } from "../../src/bench/constant-router.js";
import { defaultScenarioPath } from "../../src/bench/simulation-scenario.js";
import {
  CACHED_ROW,
  measureSimulationSpeed,
  SIMULATION_SPEED_TARGET,
} from "../../src/bench/simulation-speed.js";
import { timeSpeedRun } from "../../src/bench/speed-run.js";
import { DEFAULT_BACKENDS } from "../../src/routing/types.js";

describe("measureSimulationSpeed", () => {
  for (const isolate of [true, false]) {
    it(`times every row ${isolate ? "on its own worker thread" : "on this thread"}`, async () => {
      const r = await measureSimulationSpeed({ rounds: 3000, runs: 2, isolate });
      expect(r.warmups).toBe(2);
      expect(r.rows.map((row) => row.strategy)).toEqual([
        "thompson",
        "thompson@hedged:delay=p95",
        "engine-only",
        CACHED_ROW,
      ]);
      for (const row of r.rows) {
        expect(row.cpuQueriesPerSecond.median).toBeGreaterThan(0);
        expect(row.coldCpuQueriesPerSecond).toBeGreaterThan(0);
        expect(row.nsPerQuery).toBeCloseTo(1e9 / row.cpuQueriesPerSecond.median, 6);
        expect(r.machine.queryCostInDraws[row.strategy]).toBeCloseTo(
          row.nsPerQuery / r.machine.rngDrawNs,
          6,
        );
      }
      // The target belongs to Thompson feed-forward rows only, and is judged on the median.
      const targeted = r.rows.filter((row) => row.target !== undefined).map((x) => x.strategy);
      expect(targeted).toEqual(["thompson", CACHED_ROW]);
      for (const row of r.rows.filter((x) => x.target !== undefined)) {
        expect(row.target).toBe(SIMULATION_SPEED_TARGET);
        expect(row.meetsTarget).toBe(row.cpuQueriesPerSecond.median >= SIMULATION_SPEED_TARGET);
      }
      // Only the hedged row builds the oracle's tables.
      expect(r.rows.map((row) => row.oracleTableMs > 0)).toEqual([false, true, false, false]);
    });
  }

  it("rejects a warm-up count below 1 before running anything", async () => {
    for (const warmups of [0, 1.5, Number.NaN]) {
      await expect(measureSimulationSpeed({ rounds: 1000, runs: 1, warmups })).rejects.toThrow(
        /warmups must be an integer ≥ 1/,
      );
    }
  });
});

describe("timeSpeedRun", () => {
  it("runs a row and reports its CPU and wall time", () => {
    const t = timeSpeedRun({
      scenario: defaultScenarioPath(),
      strategy: "engine-only",
      pattern: "feed-forward",
      rounds: 2000,
      seed: 1,
      repetition: 0,
    });
    expect(t.cpuMs).toBeGreaterThan(0);
    expect(t.wallMs).toBeGreaterThan(0);
  });
});

describe("ConstantRouter", () => {
  it("picks the first available backend and ranks the rest in order", () => {
    const r = new ConstantRouter();
    const d = r.select({}, { available: DEFAULT_BACKENDS });
    expect(d.backend).toBe(DEFAULT_BACKENDS[0]);
    expect(d.alternatives).toEqual(DEFAULT_BACKENDS.slice(1));
    expect(r.select({}, { available: DEFAULT_BACKENDS })).toBe(d); // one shared decision
    const other = r.select({}, { available: ["qdrant", "mem0"] });
    expect(other.backend).toBe("qdrant");
  });
});
