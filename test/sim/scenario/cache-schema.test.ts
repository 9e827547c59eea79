import { describe, expect, it } from "vitest";
import { parseScenario, type Scenario, ScenarioError } from "../../../src/sim/index.js";

/** A valid scenario with a cache, to break one field at a time. */
function valid(): Scenario {
  return {
    name: "t",
    backends: {
      a: {
        latencyMs: { type: "constant", value: 10 },
        relevance: { default: { type: "constant", value: 1 } },
      },
    },
    workload: {
      mix: { similarity: 1, personal: 1 },
      arrivals: { type: "poisson", qps: 100 },
      repeats: { distinctQueries: 100, zipfExponent: 1 },
    },
    slo: { latencyMs: 200, minRelevance: 0.7 },
    cache: { capacity: 10, policy: "lru", hitLatencyMs: { type: "constant", value: 0.2 } },
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

describe("scenario cache field", () => {
  it("accepts every policy, ttl-lru with its ttlMs, and types of the mix", () => {
    for (const policy of ["lru", "lfu", "fifo"] as const) {
      expect(() =>
        parseScenario({ ...valid(), cache: { ...valid().cache!, policy } }, "x.json"),
      ).not.toThrow();
    }
    const ttl = {
      ...valid().cache!,
      policy: "ttl-lru" as const,
      ttlMs: 60_000,
      types: ["personal"],
    };
    expect(parseScenario({ ...valid(), cache: ttl }, "x.json").cache).toEqual(ttl);
  });

  it("refuses unknown keys", () => {
    expect(messageOf({ ...valid(), cache: { ...valid().cache, size: 3 } })).toMatch(
      /^x\.json: cache.*size/,
    );
  });

  it("refuses a capacity below 1 or not an integer", () => {
    for (const capacity of [0, -1, 2.5]) {
      expect(messageOf({ ...valid(), cache: { ...valid().cache, capacity } })).toContain(
        "x.json: cache.capacity",
      );
    }
  });

  it("refuses an unknown policy", () => {
    expect(messageOf({ ...valid(), cache: { ...valid().cache, policy: "arc" } })).toContain(
      "x.json: cache.policy",
    );
  });

  it("requires ttlMs for ttl-lru and refuses it for the other policies", () => {
    expect(messageOf({ ...valid(), cache: { ...valid().cache, policy: "ttl-lru" } })).toBe(
      "x.json: cache.ttlMs is required for `ttl-lru`",
    );
    expect(messageOf({ ...valid(), cache: { ...valid().cache, ttlMs: 1000 } })).toBe(
      "x.json: cache.ttlMs applies only to `ttl-lru`, not `lru`",
    );
    expect(
      messageOf({ ...valid(), cache: { ...valid().cache, policy: "ttl-lru", ttlMs: 0 } }),
    ).toContain("x.json: cache.ttlMs");
  });

  it("refuses a cache without workload.repeats", () => {
    const s = valid();
    delete s.workload.repeats;
    expect(messageOf(s)).toMatch(/^x\.json: cache needs workload\.repeats/);
  });

  it("refuses cached types that are not in the mix, and a bad hit latency", () => {
    expect(messageOf({ ...valid(), cache: { ...valid().cache, types: ["personnal"] } })).toContain(
      'x.json: cache.types[0] "personnal" is not a query type in workload.mix',
    );
    expect(
      messageOf({ ...valid(), cache: { ...valid().cache, hitLatencyMs: { type: "constant" } } }),
    ).toContain("x.json: cache.hitLatencyMs");
    const { hitLatencyMs: _, ...noLatency } = valid().cache!;
    expect(messageOf({ ...valid(), cache: noLatency })).toContain("x.json: cache.hitLatencyMs");
  });
});
