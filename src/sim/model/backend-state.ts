import { compileDistribution } from "../distribution/compile.js";
import type { Distribution } from "../distribution/distribution.js";
import { compileRelevance, type Relevance } from "../relevance/relevance.js";
import type { RelevanceSpec } from "../relevance/spec.js";
import type { BackendSpec } from "../scenario/spec.js";

/** One steady behaviour of a backend: its base model, or the model after a drift. */
export interface BackendState {
  latency: Distribution;
  /** Per query type index. */
  relevance: Relevance[];
  failureProbability: number;
  /**
   * Where in the backend's spec the latency model was given, e.g. `latencyMs` or
   * `windows[2].latencyMs`, so that a bad draw at run time names the field to fix.
   */
  latencyPath: string;
  /** Per query type index, where its relevance model was given, e.g. `relevance.default`. */
  relevancePath: string[];
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
  /** The key of `table` that gives type t's relevance: t itself, else `default`. */
  const keyOf = (table: Record<string, RelevanceSpec>, t: string): string | undefined =>
    Object.hasOwn(table, t) ? t : Object.hasOwn(table, "default") ? "default" : undefined;
  // A type with zero weight in the mix may have no relevance: it is never drawn, so any model does.
  const fallback: RelevanceSpec = { type: "constant", value: 0 };
  const baseKeys = types.map((t) => keyOf(spec.relevance, t));
  const base: BackendState = {
    latency: compileDistribution(spec.latencyMs),
    relevance: baseKeys.map((k) => compileRelevance(k ? spec.relevance[k] : fallback)),
    failureProbability: spec.failureProbability ?? 0,
    latencyPath: "latencyMs",
    relevancePath: baseKeys.map((k) => `relevance.${k ?? "default"}`),
  };
  const states = [base];
  (spec.windows ?? []).forEach((drift, i) => {
    if (drift.kind !== "drift") return;
    const prev = states[states.length - 1];
    const keys = types.map((t) => (drift.relevance ? keyOf(drift.relevance, t) : undefined));
    states.push({
      latency: drift.latencyMs ? compileDistribution(drift.latencyMs) : prev.latency,
      relevance: keys.map((k, ty) =>
        k && drift.relevance ? compileRelevance(drift.relevance[k]) : prev.relevance[ty],
      ),
      failureProbability: drift.failureProbability ?? prev.failureProbability,
      latencyPath: drift.latencyMs ? `windows[${i}].latencyMs` : prev.latencyPath,
      relevancePath: keys.map((k, ty) =>
        k ? `windows[${i}].relevance.${k}` : prev.relevancePath[ty],
      ),
    });
  });
  return states;
}
