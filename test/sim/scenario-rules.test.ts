import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  loadScenario,
  parseScenario,
  parseScenarioText,
  type Scenario,
  ScenarioError,
  scenarioSource,
} from "../../src/sim/index.js";
import { useTempDirs } from "../support/temp-dir.js";

const tempDir = useTempDirs();

const scenarios = join(__dirname, "../../data/scenarios");

/** A small valid scenario (two backends, two query types) to break one field at a time. */
function valid(): Scenario {
  return {
    name: "t",
    backends: {
      neo4j: {
        latencyMs: { type: "constant", value: 10 },
        relevance: { default: { type: "beta", alpha: 8, beta: 2 } },
      },
      qdrant: {
        latencyMs: { type: "constant", value: 5 },
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

function messageOf(json: unknown): string {
  try {
    parseScenario(json, "x.json");
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as Error).message;
  }
  throw new Error("expected a ScenarioError");
}

describe("query-type keys must be types of workload.mix", () => {
  it("rejects a backend relevance key that is not in the mix (a typo would fall back to default)", () => {
    const s = valid();
    s.backends.qdrant.relevance = {
      similarty: { type: "bernoulli", p: 0.8 },
      default: { type: "constant", value: 0.5 },
    };
    expect(messageOf(s)).toBe(
      "x.json: backends.qdrant.relevance.similarty is not a query type in workload.mix (similarity, relationship) nor `default`",
    );
  });

  it("rejects a drift window's relevance key that is not in the mix", () => {
    const s = valid();
    s.backends.neo4j.windows = [
      { kind: "drift", startMs: 10, relevance: { nosuchtype: { type: "constant", value: 1 } } },
    ];
    expect(messageOf(s)).toContain(
      "x.json: backends.neo4j.windows[0].relevance.nosuchtype is not a query type in workload.mix",
    );
  });

  it("accepts types of weight 0 and `default`", () => {
    const s = valid();
    s.workload.mix.temporal = 0;
    s.backends.neo4j.relevance.temporal = { type: "constant", value: 1 };
    expect(() => parseScenario(s, "x.json")).not.toThrow();
  });

  it("rejects inline texts whose type is not in the mix", () => {
    const s = valid();
    s.workload.queries = {
      texts: [
        { text: "who knows whom", type: "relationship" },
        { text: "like this one", type: "similarty" },
      ],
    };
    expect(messageOf(s)).toBe(
      'x.json: workload.queries.texts[1].type "similarty" is not a query type in workload.mix (similarity, relationship)',
    );
  });

  it("rejects empty inline texts, as an empty query file is rejected", () => {
    const s = valid();
    s.workload.queries = { texts: [] };
    expect(messageOf(s)).toBe("x.json: workload.queries.texts must have at least 1 item(s)");
    s.workload.queries = { texts: [{ text: "  ", type: "similarity" }] };
    expect(messageOf(s)).toBe("x.json: workload.queries.texts[0].text must not be blank");
  });

  it("rejects an empty query file, naming the field", () => {
    const dir = tempDir("scenario-");
    writeFileSync(join(dir, "q.jsonl"), "\n");
    writeFileSync(
      join(dir, "s.json"),
      JSON.stringify({
        ...valid(),
        workload: { ...valid().workload, queries: { file: "q.jsonl" } },
      }),
    );
    expect(() => loadScenario(join(dir, "s.json"))).toThrow(
      /s\.json: workload\.queries\.file .*holds no queries/,
    );
  });

  it("keeps a prototype name such as `constructor` an ordinary query type", () => {
    const s = valid();
    s.workload.mix = { constructor: 1 };
    expect(messageOf(s)).toContain("x.json: backends.qdrant.relevance.similarity is not");
    s.backends.qdrant.relevance = { similarity: { type: "constant", value: 1 } };
    s.workload.mix = { constructor: 1, similarity: 1 };
    expect(messageOf(s)).toContain("x.json: backends.qdrant.relevance.constructor is missing");
  });
});

describe("byte-order marks", () => {
  it("a scenario file starting with a UTF-8 BOM loads like one without", () => {
    const dir = tempDir("scenario-");
    const text = readFileSync(join(scenarios, "default.json"), "utf8");
    const file = join(dir, "bom.json");
    writeFileSync(join(dir, "q.jsonl"), readFileSync(join(scenarios, "../queries/default.jsonl")));
    writeFileSync(file, `\uFEFF${text.replace("../queries/default.jsonl", "q.jsonl")}`);
    expect(loadScenario(file)).toEqual(loadScenario(join(scenarios, "default.json")));
    expect(parseScenarioText(`\uFEFF${JSON.stringify(valid())}`, "x.json")).toEqual(valid());
  });

  it("so does a query file with one; syntax errors still give line and column", () => {
    const dir = tempDir("scenario-");
    writeFileSync(
      join(dir, "q.jsonl"),
      '\uFEFF{"text": "who knows whom", "type": "relationship"}\n',
    );
    const s = { ...valid(), workload: { ...valid().workload, queries: { file: "q.jsonl" } } };
    writeFileSync(join(dir, "s.json"), JSON.stringify(s));
    expect(loadScenario(join(dir, "s.json")).workload.queries?.texts).toEqual([
      { text: "who knows whom", type: "relationship" },
    ]);
    expect(() => parseScenarioText('\uFEFF{\n  "name": "x",\n  oops\n}', "f.json")).toThrow(
      /f\.json: is not valid JSON at line 3 column 3/,
    );
  });
});

describe("scenarioSource", () => {
  it("names the file a scenario was loaded from, else its name", () => {
    const file = join(scenarios, "bernoulli.json");
    expect(scenarioSource(loadScenario(file))).toBe(file);
    expect(scenarioSource(structuredClone(loadScenario(file)))).toBe('scenario "bernoulli"');
  });
});
