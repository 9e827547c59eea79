import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type OutcomeCell,
  OutcomeTally,
  relevantBackendsOf,
} from "../../src/profiling/outcome-table.js";
import type { RequestStatus } from "../../src/profiling/series-stats.js";

interface Call {
  backend: string;
  type: string | undefined;
  status: RequestStatus | undefined;
  relevance: number | undefined;
  success: boolean | undefined;
}

const call = fc.record({
  backend: fc.constantFrom("neo4j", "qdrant", "mem0"),
  type: fc.constantFrom("personal", "similarity", undefined),
  status: fc.constantFrom<RequestStatus | undefined>("ok", "error", "timeout", undefined),
  // Multiples of 1/4: sums are exact in any order, so means compare exactly.
  relevance: fc.constantFrom(0, 0.25, 0.5, 0.75, 1, undefined),
  success: fc.constantFrom(true, false, undefined),
});

function tally(calls: readonly Call[], minRelevance = 0.5): OutcomeTally {
  const t = new OutcomeTally(minRelevance);
  for (const c of calls) t.add(c.backend, c.type, c.status, c.relevance, c.success);
  return t;
}

/**
 * The model of one cell, from the definitions: an outcome is known when the relevance is
 * given, the call failed, or a success flag is given; it is a success when not failed and
 * relevance ≥ min (the flag only without relevance); failed calls count relevance 0.
 */
function modelCell(calls: readonly Call[], min: number) {
  const failed = (c: Call) => c.status === "error" || c.status === "timeout";
  const known = calls.filter(
    (c) => c.relevance !== undefined || failed(c) || c.success !== undefined,
  );
  const successes = known.filter((c) =>
    failed(c) ? false : c.relevance !== undefined ? c.relevance >= min : c.success === true,
  );
  const rel = calls.filter((c) => c.relevance !== undefined);
  const relSum = rel.reduce((s, c) => s + (failed(c) ? 0 : (c.relevance as number)), 0);
  return {
    calls: calls.length,
    known: known.length,
    successRate: known.length === 0 ? Number.NaN : successes.length / known.length,
    meanRelevance: rel.length === 0 ? Number.NaN : relSum / rel.length,
  };
}

const pick = (c: OutcomeCell) => ({
  calls: c.calls,
  known: c.known,
  successRate: c.successRate,
  meanRelevance: c.meanRelevance,
});

describe("OutcomeTally", () => {
  it("rejects a minimum relevance outside [0, 1]", () => {
    for (const m of [-0.1, 1.1, Number.NaN]) expect(() => new OutcomeTally(m)).toThrow(RangeError);
  });

  it("the documented example", () => {
    const t = new OutcomeTally(0.7);
    t.add("qdrant", "similarity", "ok", 0.9);
    expect(t.table().cells[0].successRate).toBe(1);
  });

  it("relevance decides over the flag; failures count as known, relevance 0; exact minimum is relevant", () => {
    const t = new OutcomeTally(0.5);
    t.add("a", "x", "ok", 0.5, false);
    t.add("a", "x", "error", 0.9, true);
    t.add("a", "x", "timeout");
    t.add("a", "x", undefined, undefined, true);
    t.add("a", "x", "ok");
    const [row] = t.table().backends;
    expect(row).toMatchObject({ calls: 5, known: 4, successRate: 0.5 });
    expect(row.meanRelevance).toBe(0.25);
  });

  it("every cell and backend row matches the model (property)", () => {
    fc.assert(
      fc.property(fc.array(call, { maxLength: 60 }), fc.constantFrom(0, 0.5, 1), (calls, min) => {
        const table = tally(calls, min).table();
        expect(table.hasRelevance).toBe(calls.some((c) => c.relevance !== undefined));
        expect(table.hasQueryTypes).toBe(calls.some((c) => c.type !== undefined));
        for (const b of table.backends) {
          const mine = calls.filter((c) => c.backend === b.backend);
          expect(pick(b)).toEqual(modelCell(mine, min));
          expect(b.share).toBe(mine.length / calls.length);
          expect(b.queryType).toBeUndefined();
        }
        expect(table.backends.map((b) => b.backend).sort()).toEqual(
          [...new Set(calls.map((c) => c.backend))].sort(),
        );
        const typed = calls.filter((c) => c.type !== undefined);
        expect(table.cells.reduce((s, c) => s + c.calls, 0)).toBe(typed.length);
        for (const c of table.cells) {
          const ofType = typed.filter((x) => x.type === c.queryType);
          const mine = ofType.filter((x) => x.backend === c.backend);
          expect(pick(c)).toEqual(modelCell(mine, min));
          expect(c.share).toBe(mine.length / ofType.length);
        }
      }),
    );
  });

  it("orders backends busiest first (ties by name), cells by backend then busiest type", () => {
    const t = new OutcomeTally(0.5);
    const add = (b: string, type: string | undefined, n: number) => {
      for (let i = 0; i < n; i++) t.add(b, type, "ok", 1);
    };
    add("zeta", "p", 1);
    add("zeta", "q", 2);
    add("alpha", "q", 3);
    add("beta", undefined, 3);
    add("beta", "p", 1);
    add("beta", "r", 1);
    const table = t.table();
    expect(table.backends.map((b) => [b.backend, b.calls])).toEqual([
      ["beta", 5],
      ["alpha", 3],
      ["zeta", 3],
    ]);
    expect(table.cells.map((c) => `${c.backend}/${c.queryType}`)).toEqual([
      "beta/p",
      "beta/r",
      "alpha/q",
      "zeta/q",
      "zeta/p",
    ]);
  });
});

describe("relevantBackendsOf", () => {
  it("keeps backends with enough known calls and a high enough success rate, per type", () => {
    const t = new OutcomeTally(0.5);
    const add = (b: string, type: string, good: number, bad: number) => {
      for (let i = 0; i < good; i++) t.add(b, type, "ok", 0.9);
      for (let i = 0; i < bad; i++) t.add(b, type, "ok", 0.1);
    };
    add("neo4j", "relationship", 15, 5); // 75 % of 20
    add("qdrant", "relationship", 10, 10); // 50 % of 20: exactly the default share
    add("mem0", "relationship", 19, 0); // 19 calls: one short of the default
    add("mem0", "personal", 5, 20);
    t.add("qdrant", undefined, "ok", 1); // untyped: in no type's list
    // Cells come busiest backend first: mem0 (44 calls), qdrant (21), neo4j (20).
    const table = t.table();
    expect(relevantBackendsOf(table)).toEqual({
      relationship: ["qdrant", "neo4j"],
      personal: [],
    });
    expect(relevantBackendsOf(table, { minShare: 0.6, minCalls: 19 })).toEqual({
      relationship: ["mem0", "neo4j"],
      personal: [],
    });
  });
});
