/**
 * The lab's one objective. A query **meets the SLO** when the answer its execution pattern
 * returns to the caller is relevant (relevance ≥ `slo.minRelevance`), arrived within
 * `slo.latencyMs`, and did not fail. A **success** is the same rule without the latency.
 * Which answer each pattern returns is defined at the pattern (src/sim/patterns/) and in
 * data/scenarios/README.md. Routers learn from the same rule applied to each request's own
 * answer (see the engine's `complete`).
 *
 * Positional arguments, not an object: these run once per query and per request in the
 * engine's hot loop, where an options object would be allocated every time.
 *
 * @param failed no usable answer
 * @param relevance the answer's relevance
 * @param minRelevance the SLO's relevance bound
 * @returns whether the answer is a success
 * @example isSuccess(false, 0.8, 0.7) // true
 */
export function isSuccess(failed: boolean, relevance: number, minRelevance: number): boolean {
  return !failed && relevance >= minRelevance;
}

/**
 * Whether an answer meets the SLO: a {@link isSuccess} that also arrived in time.
 *
 * @param failed no usable answer
 * @param relevance the answer's relevance
 * @param latencyMs when it arrived, ms after the query
 * @param minRelevance the SLO's relevance bound
 * @param sloLatencyMs the SLO's latency bound, ms
 * @returns whether the answer meets the SLO
 * @example meetsSlo(false, 0.8, 250, 0.7, 200) // false: late
 */
export function meetsSlo(
  failed: boolean,
  relevance: number,
  latencyMs: number,
  minRelevance: number,
  sloLatencyMs: number,
): boolean {
  return !failed && relevance >= minRelevance && latencyMs <= sloLatencyMs;
}
