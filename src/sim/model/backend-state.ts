import { compileDistribution } from "../distribution/compile.js";
import type { Distribution } from "../distribution/distribution.js";
import { compileRelevance, type Relevance } from "../relevance/relevance.js";
import type { RelevanceSpec } from "../relevance/spec.js";
import type { BackendSpec, DriftWindow } from "../scenario/spec.js";

/** One steady behaviour of a backend: its base model, or the model after a drift. */
export interface BackendState {
  latency: Distribution;
  /** Per query type index. */
  relevance: Relevance[];
  failureProbability: number;
}

/**
 * Builds a backend's successive states: the base model, then one per drift window in order,
 * each overriding only what the drift states.
 *
 * @param spec the backend
 * @param types the scenario's query types (index order)
 * @returns state 0 = base, state k = after the k-th drift
 */
export function backendStates(spec: BackendSpec, types: readonly string[]): BackendState[] {
  const pick = (table: Record<string, RelevanceSpec>, t: string): RelevanceSpec | undefined =>
    table[t] ?? table.default;
  // A type with zero weight in the mix may have no relevance: it is never drawn, so any model does.
  const fallback: RelevanceSpec = { type: "constant", value: 0 };
  const base: BackendState = {
    latency: compileDistribution(spec.latencyMs),
    relevance: types.map((t) => compileRelevance(pick(spec.relevance, t) ?? fallback)),
    failureProbability: spec.failureProbability ?? 0,
  };
  const states = [base];
  const drifts = (spec.windows ?? []).filter((w): w is DriftWindow => w.kind === "drift");
  for (const d of drifts) {
    const prev = states[states.length - 1];
    states.push({
      latency: d.latencyMs ? compileDistribution(d.latencyMs) : prev.latency,
      relevance: types.map((t, i) => {
        const r = d.relevance ? pick(d.relevance, t) : undefined;
        return r ? compileRelevance(r) : prev.relevance[i];
      }),
      failureProbability: d.failureProbability ?? prev.failureProbability,
    });
  }
  return states;
}
