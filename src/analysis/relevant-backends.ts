import { CompiledScenario } from "../sim/model/compiled-scenario.js";
import type { Scenario } from "../sim/scenario/spec.js";

/**
 * Per query type, the backends of a scenario that answer it relevantly: in their base state
 * (before any drift), at least `minShare` of their calls return an answer of relevance ≥ the
 * SLO's minimum, (1 − failure probability) · P(relevance ≥ minRelevance) ≥ minShare. A
 * recommendation must never move a type's traffic off the only such backend.
 *
 * @param scenario a validated scenario
 * @param minShare least share of relevant answers (default 0.5: most answers are relevant)
 * @returns backends per query type of the workload's mix (types no backend qualifies for map to [])
 * @example relevantBackendsOfScenario(loadScenario("data/scenarios/default.json")).temporal // ["inmemory", …]
 */
export function relevantBackendsOfScenario(
  scenario: Scenario,
  minShare = 0.5,
): Record<string, string[]> {
  const c = new CompiledScenario(scenario);
  const min = scenario.slo.minRelevance;
  const out: Record<string, string[]> = {};
  c.types.forEach((type, ty) => {
    out[type] = c.backends.filter((_, b) => {
      const st = c.states[b][0];
      return (1 - st.failureProbability) * st.relevance[ty].probAtLeast(min) >= minShare;
    });
  });
  return out;
}
