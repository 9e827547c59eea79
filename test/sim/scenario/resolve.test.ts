import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../../src/sim/scenario/errors.js";
import { loadScenario } from "../../../src/sim/scenario/load.js";
import { resolveScenario } from "../../../src/sim/scenario/resolve.js";

describe("resolveScenario", () => {
  it("loads a path and passes a loaded scenario through as the same object", () => {
    const loaded = loadScenario("data/scenarios/default.json");
    expect(resolveScenario("data/scenarios/default.json")).toEqual(loaded);
    expect(resolveScenario(loaded)).toBe(loaded);
  });

  it("names a missing file in its error", () => {
    expect(() => resolveScenario("data/scenarios/nosuch.json")).toThrow(ScenarioError);
    expect(() => resolveScenario("data/scenarios/nosuch.json")).toThrow(/nosuch\.json/);
  });
});
