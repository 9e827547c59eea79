import { describe, expect, it } from "vitest";
import { loggedData, OpeInputError } from "../../src/ope/index.js";
import { parseTrace } from "../../src/traces/index.js";

function data(text: string, slo?: { latencyMs: number; minRelevance: number }) {
  const { rows, summary } = parseTrace(text, { source: "t.csv" });
  return loggedData(rows, { source: "t.csv", slo }, summary.columns);
}

function problem(text: string, slo?: { latencyMs: number; minRelevance: number }): string {
  try {
    data(text, slo);
  } catch (err) {
    if (err instanceof OpeInputError) return err.message;
    throw err;
  }
  throw new Error("expected an OpeInputError");
}

describe("loggedData", () => {
  it("keeps decisions (primary rows), their context, propensity and reward", () => {
    const d = data(
      [
        "backend,latency_ms,query_type,query,propensity,slo_met,available,primary",
        "qdrant,10,similarity,,0.5,true,qdrant;neo4j,true",
        "neo4j,50,similarity,,,false,qdrant;neo4j,false",
        "neo4j,20,,who knows Bob?,0.25,false,neo4j;qdrant;mem0;hybrid,",
        "mem0,5,,,1,true,mem0,",
      ].join("\n"),
    );
    expect(d.n).toBe(3);
    expect(d.secondaryRows).toBe(1);
    expect(d.multiCall).toBe(true);
    // The query text is classified by the old word patterns; no type and no text: unknown.
    expect([...d.type].map((t) => d.types[t])).toEqual(["similarity", "relationship", "unknown"]);
    expect([...d.action].map((b) => d.backends[b])).toEqual(["qdrant", "neo4j", "mem0"]);
    expect([...d.set].map((s) => d.sets[s].map((b) => d.backends[b]).join(";"))).toEqual([
      "qdrant;neo4j",
      "neo4j;qdrant;mem0;hybrid",
      "mem0",
    ]);
    expect([...d.propensity]).toEqual([0.5, 0.25, 1]);
    expect([...d.reward]).toEqual([1, 0, 1]);
    expect(d.missingPropensity).toBe(0);
  });

  it("without an available column, every backend of the trace is available", () => {
    const d = data("backend,latency_ms,slo_met\nb,1,1\na,1,0\nc,1,1\n");
    expect(d.hasAvailable).toBe(false);
    for (let i = 0; i < d.n; i++) {
      expect(d.sets[d.set[i]].map((b) => d.backends[b])).toEqual(["b", "a", "c"]);
    }
    expect(d.missingPropensity).toBe(3);
  });

  it("judges by thresholds when given: relevance ≥ min, latency ≤ SLO, not failed", () => {
    const d = data(
      [
        "backend,latency_ms,relevance,status,slo_met",
        "a,100,0.7,ok,false",
        "a,101,0.9,ok,true",
        "a,50,0.69,ok,true",
        "a,50,0.9,timeout,true",
        "a,50,,error,true",
      ].join("\n"),
      { latencyMs: 100, minRelevance: 0.7 },
    );
    expect([...d.reward]).toEqual([1, 0, 0, 0, 0]);
    expect(d.judged).toBe(true);
  });

  it("names what is missing", () => {
    expect(problem("backend,latency_ms\na,1\n")).toBe(
      "t.csv: the trace has no slo_met column; give --scenario, or --slo-ms and --min-relevance, to judge rows by relevance and latency",
    );
    expect(problem("backend,latency_ms,slo_met\na,1,true\na,2,\n")).toMatch(
      /^t\.csv: 1 of 2 decisions have an empty slo_met cell;/,
    );
    expect(
      problem("backend,latency_ms,slo_met\na,1,true\n", { latencyMs: 5, minRelevance: 0.5 }),
    ).toBe(
      "t.csv: the trace has no relevance column, so the SLO thresholds cannot judge them; omit the thresholds to use slo_met",
    );
    expect(problem("backend,latency_ms,slo_met,primary\na,1,true,false\n")).toMatch(
      /^t\.csv: no usable rows: all 1 rows are further requests/,
    );
  });
});
