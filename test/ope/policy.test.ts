import { describe, expect, it } from "vitest";
import { type FixedPolicy, OpeInputError, parsePolicy } from "../../src/ope/index.js";
import { createStream } from "../../src/random/index.js";

const fixed = (name: string) => parsePolicy(name) as FixedPolicy;

describe("parsePolicy", () => {
  it("fixed policies give the routers' probabilities over the available backends", () => {
    expect(fixed("rule-based").probabilities("relationship", ["qdrant", "neo4j"])).toEqual([0, 1]);
    // neo4j unavailable: the fallback order's first available.
    expect(fixed("rule-based").probabilities("relationship", ["mem0", "qdrant"])).toEqual([0, 1]);
    expect(fixed("always:mem0").probabilities("x", ["qdrant", "mem0"])).toEqual([0, 1]);
    expect(fixed("always:mem0").probabilities("x", ["qdrant", "hybrid"])).toEqual([1, 0]);
    expect(fixed("random").probabilities("x", ["a", "b", "c", "d"])).toEqual([
      0.25, 0.25, 0.25, 0.25,
    ]);
  });

  it("epsilon:<ε>:<fixed> mixes uniform exploration in", () => {
    const p = fixed("epsilon:0.2:always:b").probabilities("x", ["a", "b"]);
    expect(p[0]).toBeCloseTo(0.1, 15);
    expect(p[1]).toBeCloseTo(0.9, 15);
    const nested = fixed("epsilon:0.5:epsilon:0.5:always:a").probabilities("x", ["a", "b"]);
    expect(nested[1]).toBeCloseTo(0.375, 15);
  });

  it("learning policies build fresh learners", () => {
    const policy = parsePolicy("thompson");
    expect(policy.kind).toBe("learning");
    if (policy.kind !== "learning") return;
    const a = policy.create({ rng: createStream(1), backends: ["a", "b"], queryTypes: ["t"] });
    const b = policy.create({ rng: createStream(1), backends: ["a", "b"], queryTypes: ["t"] });
    expect(a).not.toBe(b);
    expect(a.name).toBe("thompson");
  });

  it.each([
    ["nope", /unknown policy "nope"; valid: rule-based, always:<backend>/],
    ["always:", /always:<backend> needs a backend id/],
    ["epsilon:2:rule-based", /expected epsilon:<ε in \[0, 1\]>/],
    ["epsilon:0.1", /expected epsilon:/],
    ["epsilon:0.1:thompson", /thompson learns; mix ε with a fixed policy/],
    ["least-outstanding", /cannot be evaluated from a trace: .*in flight/],
    ["round-robin", /turn order/],
    ["oracle", /simulator's truth/],
  ])("%s is refused, naming why", (name, message) => {
    expect(() => parsePolicy(name)).toThrow(OpeInputError);
    expect(() => parsePolicy(name)).toThrow(message);
  });
});
