import { loadScenario } from "../../../src/sim/scenario/load.js";
import type { Scenario, WindowSpec } from "../../../src/sim/scenario/spec.js";

/** The default scenario with the given windows on its backends (test helper). */
export function withWindows(windows: Record<string, WindowSpec[]>): Scenario {
  const base = loadScenario("data/scenarios/default.json");
  const backends = { ...base.backends };
  for (const [id, w] of Object.entries(windows)) backends[id] = { ...backends[id], windows: w };
  return { ...base, backends };
}
