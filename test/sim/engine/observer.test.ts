import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RoutingDecision } from "../../../src/routing/types.js";
import type {
  ObservedQuery,
  ObservedResponse,
  SimulationObserver,
} from "../../../src/sim/engine/observer.js";
import { loadScenario, runSimulation } from "../../../src/sim/index.js";

const scenarios = join(import.meta.dirname, "../../../data/scenarios");

/** Records every call an observer gets. */
class Recorder implements SimulationObserver {
  announced: number[] = [];
  decisions = new Map<number, RoutingDecision>();
  responses: [number, ObservedResponse][] = [];
  queries = new Map<number, ObservedQuery>();
  deciding(index: number) {
    this.announced.push(index);
  }
  decided(index: number, decision: RoutingDecision) {
    this.decisions.set(index, decision);
  }
  responded(index: number, response: ObservedResponse) {
    this.responses.push([index, response]);
  }
  finished(index: number, query: ObservedQuery) {
    this.queries.set(index, query);
  }
}

describe("SimulationObserver", () => {
  it.each([
    ["outage.json", "feed-forward"],
    ["default.json", "hedged:delay=20,cancel=true"],
    ["default.json", "recursive"],
    ["default.json", "parallel:fanout=3"],
  ])("%s under %s: sees every decision, response and query; results unchanged", (file, pattern) => {
    const scenario = loadScenario(join(scenarios, file));
    const options = { scenario, strategy: "thompson", pattern, rounds: 4000, seed: 7 };
    const rec = new Recorder();
    const observed = runSimulation({ ...options, observe: () => rec });
    const plain = runSimulation(options);
    expect(observed.totals).toEqual(plain.totals);
    expect(observed.curves).toEqual(plain.curves);
    // Every query finished once; those routed were decided once, after being announced.
    expect(rec.queries.size).toBe(4000);
    expect(rec.announced).toEqual([...rec.decisions.keys()]);
    const met = [...rec.queries.values()].filter((q) => q.sloMet).length;
    expect(met / 4000).toBe(plain.totals.sloAttainment);
    // Responses: one per request sent and not cancelled; at most one first per query, and it
    // went to the decision's backend.
    const cancelled = plain.totals.callsPerQuery * 4000 - rec.responses.length;
    expect(cancelled).toBeGreaterThanOrEqual(-1e-6);
    const firsts = new Map<number, string>();
    for (const [i, r] of rec.responses) {
      if (!r.first) continue;
      expect(firsts.has(i)).toBe(false);
      firsts.set(i, r.backend);
      expect(r.backend).toBe(rec.decisions.get(i)?.backend);
    }
    if (!pattern.includes("cancel")) expect(firsts.size).toBe(rec.decisions.size);
  });
});
