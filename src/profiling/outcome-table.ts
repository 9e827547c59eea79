import type { RequestStatus } from "./series-stats.js";

/** Outcomes of one backend, over all query types (`queryType` absent) or for one. */
export interface OutcomeCell {
  backend: string;
  /** Absent in a backend's row over all types. */
  queryType?: string;
  /** Calls recorded. */
  calls: number;
  /** calls / all calls of the same query type (of all calls, in a backend's row). */
  share: number;
  /**
   * Calls that returned a relevant answer (not failed, relevance ≥ the minimum; from the
   * `success` column where relevance is unknown) / calls whose outcome is known; `NaN` when
   * none is known. This is the objective's "success": the latency part is left out.
   */
  successRate: number;
  /** Mean relevance over calls that reported one (failed calls count as 0); `NaN` when none did. */
  meanRelevance: number;
  /** Calls whose success is known. */
  known: number;
}

/** Success and relevance per backend and per backend × query type. */
export interface OutcomeTable {
  /** The relevance an answer needs to count as relevant. */
  minRelevance: number;
  /** One row per backend, busiest first. */
  backends: OutcomeCell[];
  /** One row per backend × query type with calls, by backend (as `backends`) then busiest type. */
  cells: OutcomeCell[];
  /** Whether any call carried a relevance. */
  hasRelevance: boolean;
  /** Whether any call carried a query type. */
  hasQueryTypes: boolean;
}

interface Tally {
  calls: number;
  known: number;
  successes: number;
  relevanceSum: number;
  relevanceCount: number;
}

const empty = (): Tally => ({
  calls: 0,
  known: 0,
  successes: 0,
  relevanceSum: 0,
  relevanceCount: 0,
});

/**
 * Tallies calls per backend × query type: whether each returned a relevant answer, and its
 * relevance. The profiler's series are per backend and per query type separately; whether a
 * backend answers a type relevantly needs the pair (a store can be the only one that answers
 * one type well and useless for the rest).
 *
 * @example
 * const t = new OutcomeTally(0.7);
 * t.add("qdrant", "similarity", "ok", 0.9);
 * t.table().cells[0].successRate; // 1
 */
export class OutcomeTally {
  private readonly tallies = new Map<string, Map<string, Tally>>();
  private anyRelevance = false;
  private anyType = false;

  /**
   * @param minRelevance the relevance an answer needs to count as relevant
   * @throws {RangeError} when it is not in [0, 1]
   */
  constructor(readonly minRelevance: number) {
    if (!(minRelevance >= 0 && minRelevance <= 1)) {
      throw new RangeError(`minRelevance must be in [0, 1], got ${minRelevance}`);
    }
  }

  /**
   * Records one call.
   *
   * @param backend the backend called
   * @param queryType its query type, when known
   * @param status how it ended (failed calls are never relevant); default `ok`
   * @param relevance the answer's relevance, when known
   * @param success the recording system's success flag, used only when relevance is unknown
   */
  add(
    backend: string,
    queryType: string | undefined,
    status: RequestStatus | undefined,
    relevance?: number,
    success?: boolean,
  ): void {
    let byType = this.tallies.get(backend);
    if (byType === undefined) {
      byType = new Map();
      this.tallies.set(backend, byType);
    }
    if (queryType !== undefined) this.anyType = true;
    const key = queryType ?? "";
    let t = byType.get(key);
    if (t === undefined) {
      t = empty();
      byType.set(key, t);
    }
    t.calls++;
    const failed = status === "error" || status === "timeout";
    if (relevance !== undefined) {
      this.anyRelevance = true;
      const r = failed ? 0 : relevance;
      t.relevanceSum += r;
      t.relevanceCount++;
      t.known++;
      if (!failed && relevance >= this.minRelevance) t.successes++;
    } else if (failed) {
      t.known++;
    } else if (success !== undefined) {
      t.known++;
      if (success) t.successes++;
    }
  }

  /** @returns the table of everything recorded so far */
  table(): OutcomeTable {
    const cell = (backend: string, queryType: string | undefined, t: Tally, total: number) => ({
      backend,
      ...(queryType === undefined ? {} : { queryType }),
      calls: t.calls,
      share: total === 0 ? 0 : t.calls / total,
      successRate: t.known === 0 ? Number.NaN : t.successes / t.known,
      meanRelevance: t.relevanceCount === 0 ? Number.NaN : t.relevanceSum / t.relevanceCount,
      known: t.known,
    });
    const typeTotals = new Map<string, number>();
    let all = 0;
    for (const byType of this.tallies.values()) {
      for (const [type, t] of byType) {
        typeTotals.set(type, (typeTotals.get(type) ?? 0) + t.calls);
        all += t.calls;
      }
    }
    const backends: OutcomeCell[] = [];
    const cells: OutcomeCell[] = [];
    for (const [backend, byType] of this.tallies) {
      const sum = empty();
      for (const t of byType.values()) {
        sum.calls += t.calls;
        sum.known += t.known;
        sum.successes += t.successes;
        sum.relevanceSum += t.relevanceSum;
        sum.relevanceCount += t.relevanceCount;
      }
      backends.push(cell(backend, undefined, sum, all));
    }
    backends.sort((a, b) => b.calls - a.calls || (a.backend < b.backend ? -1 : 1));
    for (const b of backends) {
      const rows = [...(this.tallies.get(b.backend) ?? [])]
        .filter(([type]) => type !== "")
        .map(([type, t]) => cell(b.backend, type, t, typeTotals.get(type) ?? 0))
        .sort((x, y) => y.calls - x.calls || ((x.queryType ?? "") < (y.queryType ?? "") ? -1 : 1));
      cells.push(...rows);
    }
    return {
      minRelevance: this.minRelevance,
      backends,
      cells,
      hasRelevance: this.anyRelevance,
      hasQueryTypes: this.anyType,
    };
  }
}

/**
 * The backends that answer each query type relevantly: at least `minShare` of their answers
 * (over at least `minCalls` calls with a known outcome) are relevant.
 *
 * @param table an outcome table
 * @param options least share (default 0.5: most answers relevant) and least calls (default 20)
 * @returns per query type, the backends that qualify (types with no qualifying backend map to [])
 */
export function relevantBackendsOf(
  table: OutcomeTable,
  options: { minShare?: number; minCalls?: number } = {},
): Record<string, string[]> {
  const minShare = options.minShare ?? 0.5;
  const minCalls = options.minCalls ?? 20;
  const out: Record<string, string[]> = {};
  for (const c of table.cells) {
    if (c.queryType === undefined) continue;
    out[c.queryType] ??= [];
    if (c.known >= minCalls && c.successRate >= minShare) out[c.queryType].push(c.backend);
  }
  return out;
}
