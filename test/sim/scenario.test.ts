import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import {
  compileScenario,
  loadScenario,
  parseScenario,
  parseScenarioText,
  type Scenario,
  ScenarioError,
} from "../../src/sim/index.js";
import { useTempDirs } from "../support/temp-dir.js";

const tempDir = useTempDirs();

/** A small valid scenario to break one field at a time. */
function valid(): Scenario {
  return {
    name: "t",
    backends: {
      neo4j: {
        latencyMs: { type: "lognormal", median: 45, p99: 400 },
        relevance: { default: { type: "beta", alpha: 8, beta: 2 } },
      },
      qdrant: {
        latencyMs: { type: "exponential", mean: 12 },
        relevance: {
          similarity: { type: "bernoulli", p: 0.8 },
          default: { type: "constant", value: 0.5 },
        },
      },
    },
    workload: { mix: { similarity: 1, relationship: 1 }, arrivals: { type: "poisson", qps: 100 } },
    slo: { latencyMs: 200, minRelevance: 0.7 },
  };
}

function messageOf(json: unknown, source = "data/scenarios/x.json"): string {
  try {
    parseScenario(json, source);
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as Error).message;
  }
  throw new Error("expected a ScenarioError");
}

describe("scenario schema", () => {
  it("accepts a valid scenario unchanged", () => {
    expect(parseScenario(valid(), "x")).toEqual(valid());
  });

  it("names the file and field path: p99 must exceed the median", () => {
    const s = valid();
    s.backends.neo4j.latencyMs = { type: "lognormal", median: 45, p99: 40 };
    expect(messageOf(s)).toBe(
      "data/scenarios/x.json: backends.neo4j.latencyMs.p99 must be greater than median",
    );
  });

  it("reports wrong types, bounds, unknown fields and bad discriminators with paths", () => {
    // Deliberately ill-typed: a scenario as a user might write it.
    const s = JSON.parse(JSON.stringify(valid()));
    s.workload.arrivals.qps = "fast";
    s.slo.minRelevance = 1.5;
    s.backends.qdrant.typo = 1;
    s.backends.neo4j.latencyMs = { type: "lognormall", median: 3 };
    const m = messageOf(s);
    expect(m).toContain("x.json: workload.arrivals.qps must be a number, got string");
    expect(m).toContain("x.json: slo.minRelevance must be ≤ 1");
    expect(m).toContain('x.json: backends.qdrant has unknown field "typo"');
    expect(m).toContain("x.json: backends.neo4j.latencyMs.type must be one of");
  });

  it("requires a relevance for every query type in the mix (or a default)", () => {
    const s = valid();
    s.backends.qdrant.relevance = { similarity: { type: "bernoulli", p: 0.8 } };
    expect(messageOf(s)).toContain("backends.qdrant.relevance.relationship is missing");
  });

  it("checks windows: end after start, timeout outages need a timeout", () => {
    const s = valid();
    s.backends.neo4j.windows = [
      { kind: "degradation", startMs: 100, endMs: 50 },
      { kind: "outage", startMs: 0, endMs: 10, mode: "timeout" },
    ];
    const m = messageOf(s);
    expect(m).toContain("backends.neo4j.windows[0].endMs must be greater than startMs");
    expect(m).toContain("backends.neo4j.windows[1].mode `timeout` needs the backend's timeoutMs");
  });

  it("locates JSON syntax errors by line and column", () => {
    expect(() => parseScenarioText('{\n  "name": "x",\n  oops\n}', "f.json")).toThrow(
      /f\.json: is not valid JSON at line 3 column 3/,
    );
  });

  it("is a UsageError, so the CLI exits 2", () => {
    expect(() => parseScenario({}, "x")).toThrow(UsageError);
  });

  it("reads the query set relative to the scenario file and inlines it", () => {
    const dir = tempDir("scenario-");
    writeFileSync(join(dir, "q.jsonl"), '{"text": "who knows whom", "type": "relationship"}\n');
    const s = { ...valid(), workload: { ...valid().workload, queries: { file: "q.jsonl" } } };
    writeFileSync(join(dir, "s.json"), JSON.stringify(s));
    const loaded = loadScenario(join(dir, "s.json"));
    expect(loaded.workload.queries).toEqual({
      texts: [{ text: "who knows whom", type: "relationship" }],
    });
    writeFileSync(
      join(dir, "bad.json"),
      JSON.stringify({ ...s, workload: { ...s.workload, queries: { file: "nope.jsonl" } } }),
    );
    expect(() => loadScenario(join(dir, "bad.json"))).toThrow(/bad\.json: workload\.queries\.file/);
  });
});

describe("shipped scenarios", () => {
  const dir = join(__dirname, "../../data/scenarios");
  const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
  it("include default, drift, outage and bernoulli", () => {
    expect(files).toEqual(
      expect.arrayContaining(["default.json", "drift.json", "outage.json", "bernoulli.json"]),
    );
  });
  for (const f of files) {
    it(`${f} loads and compiles`, () => {
      const compiled = compileScenario(loadScenario(join(dir, f)));
      expect(compiled.backends.length).toBeGreaterThan(0);
      for (let ty = 0; ty < compiled.types.length; ty++) {
        const best = compiled.bestReward(ty, 0);
        expect(best).toBeGreaterThan(0);
        expect(best).toBeLessThanOrEqual(1);
      }
    });
  }
});
