import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { QueryRecord } from "../../src/profiling/routing-profiler.js";
import { RoutingProfiler } from "../../src/profiling/routing-profiler.js";
import { TraceQueries } from "../../src/profiling/trace-queries.js";
import { parseTrace } from "../../src/traces/index.js";
import type { TraceRow } from "../../src/traces/trace-row.js";

/**
 * Five queries in nine rows, in completion order, as the simulator writes them:
 * - q1 hedged: neo4j from 0 takes 300 ms; the hedge to qdrant, sent at 100, answers at 150.
 * - q2 hedged: qdrant answers from 10 to 30; no hedge.
 * - q3 hedged: neo4j fails at 520 (from 20), the hedge to mem0 (from 120) times out at 570.
 * - q4 parallel first-k (k = 1): qdrant 40→70 answers first, mem0 40→120 runs on.
 * - q5 parallel, rule all: hybrid 50→110, neo4j 50→150.
 */
const MULTI = `timestamp,query_id,query_type,pattern,backend,primary,latency_ms,relevance,status,success,slo_met
30,q2,similarity,hedged:delay=p95,qdrant,true,20,0.9,ok,true,true
70,q4,similarity,"parallel:fanout=2,rule=first-k",qdrant,true,30,0.9,ok,true,false
110,q5,relationship,parallel:fanout=2,hybrid,true,60,0.8,ok,true,true
120,q4,similarity,"parallel:fanout=2,rule=first-k",mem0,false,80,0.5,ok,false,false
150,q1,relationship,hedged:delay=p95,qdrant,false,50,0.6,ok,false,true
150,q5,relationship,parallel:fanout=2,neo4j,false,100,0.9,ok,true,true
300,q1,relationship,hedged:delay=p95,neo4j,true,300,0.9,ok,true,true
520,q3,personal,hedged:delay=p95,neo4j,true,500,0,error,false,false
570,q3,personal,hedged:delay=p95,mem0,false,450,0,timeout,false,false
`;

function rowsOf(text: string): TraceRow[] {
  return parseTrace(text, { source: "t.csv" }).rows;
}

describe("TraceQueries", () => {
  it("makes one query per query_id, timed from its first request's start to its end", () => {
    const out: QueryRecord[] = [];
    const tq = new TraceQueries((q) => out.push(q));
    for (const r of rowsOf(MULTI)) tq.add(r);
    expect(out).toHaveLength(0); // no single-call pattern: every query waits for flush
    tq.flush();
    const byType = (t: string) => out.filter((q) => q.queryType === t);
    expect(out).toHaveLength(5);
    // Latencies worked out in the comment above MULTI.
    expect(
      byType("relationship")
        .map((q) => [q.backend, q.latencyMs, q.at])
        .sort(),
    ).toEqual(
      [
        ["hybrid", 100, 150], // q5: all back at 150
        ["neo4j", 150, 150], // q1: the hedge answered at 150
      ].sort(),
    );
    const [q2, q4] = byType("similarity").sort((a, b) => (a.at as number) - (b.at as number));
    expect([q2.latencyMs, q2.at, q2.success]).toEqual([20, 30, true]);
    expect([q4.latencyMs, q4.at, q4.success, q4.relevance]).toEqual([30, 70, false, 0.9]);
    const [q3] = byType("personal");
    expect([q3.latencyMs, q3.status, q3.success, q3.backend]).toEqual([
      550,
      "timeout",
      false,
      "neo4j",
    ]);
    expect(tq.groupedRows).toBe(9);
    expect(tq.lateRows).toBe(0);
    expect(tq.withoutPrimary).toBe(0);
  });

  it("the profiler counts requests per backend and each query once", () => {
    const p = new RoutingProfiler();
    for (const r of rowsOf(MULTI)) p.record(r);
    const report = p.report({ wallTime: false });
    expect(report.queries.count).toBe(5);
    expect(report.calls.count).toBe(9);
    expect(report.callsPerQuery).toBe(9 / 5);
    expect(report.queries.successRate).toBe(3 / 5); // slo_met: q1, q2, q5
    expect(report.queries.timeoutRate).toBe(1 / 5); // q3
    expect(report.queries.errorRate).toBe(0); // q3's answer is its last request, a timeout
    const counts = (list: { name: string; count: number }[]) =>
      Object.fromEntries(list.map((s) => [s.name, s.count]));
    expect(counts(report.backends)).toEqual({ qdrant: 3, neo4j: 3, mem0: 2, hybrid: 1 });
    expect(counts(report.patterns)).toEqual({
      "hedged:delay=p95": 3,
      "parallel:fanout=2,rule=first-k": 1,
      "parallel:fanout=2": 1,
    });
    expect(counts(report.queryTypes)).toEqual({ relationship: 2, similarity: 2, personal: 1 });
    // The sketch keeps max exactly; q3 is the slowest query.
    expect(report.queries.max).toBe(550);
    expect(p.traceGrouping).toEqual({ groupedRows: 9, lateRows: 0, withoutPrimary: 0 });
  });

  it("without query_id a primary row is a query and a further row only a request", () => {
    const text = `backend,latency_ms,primary,success
qdrant,10,true,true
mem0,30,false,false
neo4j,20,,false
`;
    const p = new RoutingProfiler();
    for (const r of rowsOf(text)) p.record(r);
    const report = p.report({ wallTime: false });
    expect(report.queries.count).toBe(2);
    expect(report.calls.count).toBe(3);
    expect(report.queries.successRate).toBe(1 / 2);
    expect(p.traceGrouping).toBeUndefined();
  });

  it("a single-call trace gives the figures it gave before: every row a query", () => {
    // Without query_id (the old path) and with it under feed-forward (closed at once), the
    // query series is the calls series, row for row.
    const lines = ["timestamp,query_id,pattern,backend,latency_ms,status,relevance,success"];
    for (let i = 0; i < 500; i++) {
      const status = i % 37 === 0 ? "error" : i % 53 === 0 ? "timeout" : "ok";
      lines.push(
        `${i * 3},${i},feed-forward,${["neo4j", "qdrant", "mem0"][i % 3]},${(i * 7.31) % 211},${status},${(i % 10) / 10},${i % 4 !== 0}`,
      );
    }
    const withId = rowsOf(`${lines.join("\n")}\n`);
    const withoutId = withId.map(({ queryId: _, ...rest }) => rest);
    const a = new RoutingProfiler();
    const b = new RoutingProfiler();
    for (const r of withId) a.record(r);
    for (const r of withoutId) b.record(r);
    const ja = a.toJSON();
    const jb = b.toJSON();
    expect(ja.queries).toEqual(jb.queries);
    expect(ja.patterns).toEqual(jb.patterns);
    expect(ja.windows).toEqual(jb.windows);
    // Every row a query, as before the fix: the query series holds what the calls hold.
    const report = b.report({ wallTime: false });
    expect(report.queries).toEqual(report.calls);
    // Closed at once: no state kept for feed-forward rows.
    expect(a.traceGrouping).toEqual({ groupedRows: 0, lateRows: 0, withoutPrimary: 0 });
  });

  it("a query without its primary row (cancelled) is counted and timed from its first row", () => {
    const text = `timestamp,query_id,pattern,backend,primary,latency_ms,status
130,1,"hedged:delay=20,cancel=true",qdrant,false,10,ok
`;
    const p = new RoutingProfiler();
    for (const r of rowsOf(text)) p.record(r);
    const report = p.report({ wallTime: false });
    expect(report.queries.count).toBe(1);
    expect(report.queries.max).toBe(10);
    expect(p.traceGrouping?.withoutPrimary).toBe(1);
  });

  it("keeps at most maxOpen queries open; a row of a closed query counts as a request only", () => {
    // q0's second row comes after three other queries opened: with room for 2, q0 was closed.
    const text = `timestamp,query_id,pattern,backend,primary,latency_ms
10,q0,hedged,neo4j,true,10
20,q1,hedged,neo4j,true,10
30,q2,hedged,neo4j,true,10
40,q3,hedged,neo4j,true,10
50,q0,hedged,qdrant,false,5
`;
    const out: QueryRecord[] = [];
    const tq = new TraceQueries((q) => out.push(q), { maxOpen: 2 });
    for (const r of rowsOf(text)) {
      tq.add(r);
      expect(tq.openCount).toBeLessThanOrEqual(2);
    }
    tq.flush();
    expect(out).toHaveLength(4);
    expect(tq.lateRows).toBe(1);
    expect(() => new TraceQueries(() => {}, { maxOpen: 0 })).toThrow(RangeError);
  });

  it("property: with room for every query, any row order gives one query per id", () => {
    const query = fc.record({
      calls: fc.integer({ min: 1, max: 4 }),
      met: fc.boolean(),
      hasPrimary: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(query, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (queries, seed) => {
          const rows: TraceRow[] = [];
          queries.forEach((q, id) => {
            for (let c = 0; c < q.calls; c++) {
              rows.push({
                backend: `b${c}`,
                latencyMs: 1 + c,
                queryId: String(id),
                pattern: "hedged",
                primary: q.hasPrimary && c === 0,
                sloMet: q.met,
              });
            }
          });
          // A seeded shuffle (Fisher–Yates on an LCG): any order must do.
          let s = seed;
          for (let i = rows.length - 1; i > 0; i--) {
            s = (s * 1103515245 + 12345) % 2 ** 31;
            const j = s % (i + 1);
            [rows[i], rows[j]] = [rows[j], rows[i]];
          }
          const p = new RoutingProfiler();
          for (const r of rows) p.record(r);
          const report = p.report({ wallTime: false });
          expect(report.queries.count).toBe(queries.length);
          expect(report.calls.count).toBe(rows.length);
          expect(report.queries.successRate).toBe(
            queries.filter((q) => q.met).length / queries.length,
          );
        },
      ),
    );
  });
});
