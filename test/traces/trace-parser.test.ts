import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseTrace, TraceFormatError } from "../../src/traces/index.js";

const HEADER = "backend,latency_ms,propensity,query_id,query,slo_met,available,primary";

function problemOf(text: string): TraceFormatError {
  try {
    parseTrace(text, { source: "t.csv" });
  } catch (err) {
    if (err instanceof TraceFormatError) return err;
    throw err;
  }
  throw new Error("expected a TraceFormatError");
}

describe("off-policy trace columns", () => {
  it("reads propensity, query id and text, slo_met, available and primary", () => {
    const text = [
      HEADER,
      'qdrant,12,0.25,q1,"find docs like this, please",true,neo4j;qdrant; mem0 ,true',
      "neo4j,40,,q1,,no,neo4j;qdrant; mem0 ,false",
      "mem0,3,1,,,,,",
    ].join("\n");
    const { rows } = parseTrace(text, { source: "t.csv" });
    expect(rows).toEqual([
      {
        backend: "qdrant",
        latencyMs: 12,
        propensity: 0.25,
        queryId: "q1",
        query: "find docs like this, please",
        sloMet: true,
        available: ["neo4j", "qdrant", "mem0"],
        primary: true,
      },
      {
        backend: "neo4j",
        latencyMs: 40,
        queryId: "q1",
        sloMet: false,
        available: ["neo4j", "qdrant", "mem0"],
        primary: false,
      },
      { backend: "mem0", latencyMs: 3, propensity: 1 },
    ]);
    // One frozen array per distinct cell.
    expect(rows[0].available).toBe(rows[1].available);
    expect(Object.isFrozen(rows[0].available)).toBe(true);
  });

  it.each([
    ["0", 'propensity "0" is not in (0, 1]'],
    ["-0.1", 'propensity "-0.1" is not in (0, 1]'],
    ["1.0001", 'propensity "1.0001" is not in (0, 1]'],
    ["Infinity", 'propensity "Infinity" is not in (0, 1]'],
    ["abc", 'propensity "abc" is not a number'],
    ["NaN", 'propensity "NaN" is not a number'],
  ])("a propensity of %s is an error naming the file and line", (cell, problem) => {
    const err = problemOf(`${HEADER}\nqdrant,1,0.5,,,,,\n# comment\nqdrant,1,${cell},,,,,\n`);
    expect(err.message).toBe(`t.csv:4: ${problem}`);
    expect(err.column).toBe("propensity");
  });

  it("property: every number in (0, 1] is accepted as written", () => {
    fc.assert(
      fc.property(fc.double({ min: Number.MIN_VALUE, max: 1, noNaN: true }), (p) => {
        const { rows } = parseTrace(`backend,latency_ms,propensity\nq,1,${p}\n`);
        expect(rows[0].propensity).toBe(p);
      }),
    );
  });

  it("rejects a primary row whose backend is not available, and bad available cells", () => {
    expect(problemOf(`${HEADER}\nhybrid,1,0.5,,,,neo4j;qdrant,\n`).message).toBe(
      't.csv:2: backend "hybrid" is not among the available backends "neo4j;qdrant"',
    );
    expect(problemOf(`${HEADER}\nqdrant,1,0.5,,,,neo4j;;qdrant,\n`).message).toMatch(
      /^t\.csv:2: available "neo4j;;qdrant" has an empty backend id at position 2$/,
    );
    expect(problemOf(`${HEADER}\nqdrant,1,0.5,,,,qdrant;qdrant,\n`).message).toMatch(
      /lists "qdrant" twice/,
    );
    expect(problemOf(`${HEADER}\nqdrant,1,0.5,,,maybe,qdrant,\n`).message).toMatch(
      /^t\.csv:2: slo_met "maybe" is not a boolean/,
    );
    // A further request of the pattern may go where the decision could not.
    const { rows } = parseTrace(`${HEADER}\nhybrid,1,,,,,neo4j;qdrant,false\n`);
    expect(rows[0].backend).toBe("hybrid");
  });
});
