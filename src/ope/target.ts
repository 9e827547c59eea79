import type { LoggedData } from "./logged-data.js";
import type { FixedPolicy } from "./policy.js";

/**
 * A fixed policy's probabilities on a trace's contexts. A context is a (query type,
 * available set) pair; a trace has few, so the policy is asked once per context, not per row.
 */
export interface TargetTable {
  /** Each decision's context index. */
  ctx: Int32Array;
  /** Each context's query-type index. */
  ctxType: Int32Array;
  /** π(backend | context), flat: `pi[c * backends + b]`, 0 for backends not available. */
  pi: Float64Array;
  /** Decisions per context. */
  ctxCount: Float64Array;
}

/**
 * Asks a fixed policy for its probabilities in every context of a trace.
 *
 * @param data the logged decisions
 * @param policy the policy to evaluate
 * @returns per-decision context indices and per-context probabilities
 * @example const { pi, ctx } = targetTable(data, parsePolicy("rule-based") as FixedPolicy)
 */
export function targetTable(data: LoggedData, policy: FixedPolicy): TargetTable {
  const nB = data.backends.length;
  const nS = data.sets.length;
  const byKey = new Map<number, number>();
  const ctx = new Int32Array(data.n);
  const types: number[] = [];
  const counts: number[] = [];
  const rows: number[][] = [];
  for (let i = 0; i < data.n; i++) {
    const key = data.type[i] * nS + data.set[i];
    let c = byKey.get(key);
    if (c === undefined) {
      c = types.length;
      byKey.set(key, c);
      types.push(data.type[i]);
      counts.push(0);
      const set = data.sets[data.set[i]];
      const p = policy.probabilities(
        data.types[data.type[i]],
        set.map((b) => data.backends[b]),
      );
      const row = new Array<number>(nB).fill(0);
      set.forEach((b, k) => {
        row[b] = p[k];
      });
      rows.push(row);
    }
    ctx[i] = c;
    counts[c]++;
  }
  return {
    ctx,
    ctxType: Int32Array.from(types),
    pi: Float64Array.from(rows.flat()),
    ctxCount: Float64Array.from(counts),
  };
}
