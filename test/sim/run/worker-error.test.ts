import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/errors.js";
import { parsePatternSpec } from "../../../src/patterns/index.js";
import { RoutingInputError } from "../../../src/routing/errors.js";
import {
  createSimulationPool,
  parseScenario,
  runExperiment,
  runPoolTask,
  type Scenario,
  ScenarioError,
} from "../../../src/sim/index.js";
import { uniformScenario } from "../helpers.js";
import { overflowing } from "./error-scenarios.js";

describe("errors crossing from worker threads", () => {
  it("a router's input error stays a RoutingInputError (a UsageError: exit 2)", async () => {
    const run = runExperiment({
      scenario: uniformScenario(2, {
        latencyMs: { type: "constant", value: 1 },
        relevance: { default: { type: "constant", value: 1 } },
      }),
      strategies: ["thomson"],
      rounds: 10,
      workers: 1,
    });
    await expect(run).rejects.toBeInstanceOf(RoutingInputError);
    await expect(run).rejects.toThrow(/^strategy: unknown strategy "thomson"/);
  });

  it("runPoolTask, the sweep's and the forgetting study's way in, re-creates the class", async () => {
    const scenario = parseScenario(overflowing(), "x.json");
    const pool = createSimulationPool(1);
    try {
      const run = runPoolTask(pool, {
        scenario,
        strategy: "random",
        pattern: parsePatternSpec("feed-forward"),
        rounds: 100,
        seed: 1,
        repetition: 0,
        points: 10,
        profile: false,
      });
      await expect(run).rejects.toBeInstanceOf(ScenarioError);
      await expect(run).rejects.toThrow(/^x\.json: backends\.b[01]\.latencyMs drew /);
    } finally {
      await pool.destroy();
    }
  });

  it("a bug stays a bug (not a UsageError), with its message", async () => {
    // Deliberately malformed, as no validated scenario is: a crash inside the run.
    const broken = { ...uniformScenario(1, overflowing().backends.b0), workload: undefined };
    const run = runExperiment({
      scenario: broken as unknown as Scenario,
      strategies: ["random"],
      rounds: 10,
      workers: 1,
    });
    await expect(run).rejects.toThrow(TypeError);
    await expect(run).rejects.not.toBeInstanceOf(UsageError);
  });
});
