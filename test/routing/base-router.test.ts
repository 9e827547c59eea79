import { describe, expect, it, vi } from "vitest";
import {
  BaseRouter,
  type BaseRouterOptions,
  defaultClassifier,
} from "../../src/routing/base-router.js";
import type { Decision } from "../../src/routing/decision.js";
import { RoutingInputError } from "../../src/routing/errors.js";
import type { Outcome, Query, RoutingContext, RoutingDecision } from "../../src/routing/types.js";

/** The smallest router: picks the first available backend and exposes the plumbing. */
class FirstRouter extends BaseRouter {
  /** What the last `record` resolved: backend and type names. */
  recorded: { backend: string; type: string } | undefined;

  constructor(options: BaseRouterOptions = {}) {
    super("first", options);
  }

  select(query: Query, context: RoutingContext): Decision {
    this.avail.resolve(context.available, this.backends);
    this.decisions++;
    return this.decide(this.avail.idx[0], 1, this.typeOf(query));
  }

  record(outcome: Outcome): void {
    const b = this.acceptOutcomeIndices(outcome);
    this.recorded = { backend: this.backends.names[b], type: this.types.names[this.outcomeT] };
  }

  explain(): string {
    return "the first one";
  }

  typeName(query: Query): string {
    return this.types.names[this.typeOf(query)];
  }

  spyOnInterning() {
    return [vi.spyOn(this.backends, "intern"), vi.spyOn(this.types, "intern")];
  }

  certainOf(backend: string): number[] {
    return this.certain(this.backends.find(backend));
  }
}

const outcome = (decision: RoutingDecision, more: Partial<Outcome> = {}): Outcome => ({
  decision,
  relevance: 0.8,
  latencyMs: 20,
  ...more,
});

describe("BaseRouter options", () => {
  it("names a seed that is not finite", () => {
    expect(() => new FirstRouter({ seed: Number.NaN })).toThrow(RoutingInputError);
    expect(() => new FirstRouter({ seed: Number.POSITIVE_INFINITY })).toThrow(/^seed: /);
  });
});

describe("BaseRouter.typeOf", () => {
  it("uses the query's type, interning new ones", () => {
    const r = new FirstRouter({ queryTypes: ["personal"] });
    expect(r.typeName({ type: "personal" })).toBe("personal");
    expect(r.typeName({ type: "custom" })).toBe("custom");
    expect(r.typeName({ type: "custom" })).toBe("custom");
    expect(r.typeName({ type: "personal", text: "who is related to whom" })).toBe("personal");
  });

  it("classifies text into the router's own type indices", () => {
    // Types in an order unlike the classifier's, so a missing index mapping would show.
    const r = new FirstRouter({ queryTypes: ["unknown", "temporal", "personal"] });
    const texts = [
      "who is connected to alice",
      "my favourite restaurant",
      "what happened last week",
      "zzz",
    ];
    const expected = texts.map((t) => defaultClassifier().classify(t).type);
    expect(new Set(expected).size).toBeGreaterThan(2);
    expect(texts.map((text) => r.typeName({ text }))).toEqual(expected);
  });

  it("falls back to the classifier's fallback type with neither type nor text", () => {
    expect(new FirstRouter().typeName({})).toBe(defaultClassifier().fallbackType);
  });

  it("names a type that is not a non-empty string and text that is not a string", () => {
    const r = new FirstRouter();
    expect(() => r.typeName({ type: "" })).toThrow(/^query\.type: must be a non-empty string/);
    expect(() => r.typeName({ type: 7 as unknown as string })).toThrow(RoutingInputError);
    expect(() => r.typeName({ text: 7 as unknown as string })).toThrow(
      /^query\.text: must be a string, got number/,
    );
  });
});

describe("BaseRouter.acceptOutcomeIndices", () => {
  it("its own decision served by the chosen backend: the decision's indices, no lookups", () => {
    const r = new FirstRouter();
    const d = r.select({ type: "similarity" }, { available: ["qdrant", "mem0"] });
    const spies = r.spyOnInterning();
    r.record(outcome(d));
    r.record(outcome(d, { backend: "qdrant" }));
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    expect(r.recorded).toEqual({ backend: "qdrant", type: "similarity" });
    expect(r.stats()).toMatchObject({ strategy: "first", decisions: 1, outcomes: 2 });
  });

  it("another router's decision: looks names up in this router's own indices", () => {
    const other = new FirstRouter({ backends: ["mem0"], queryTypes: ["personal"] });
    const d = other.select({ type: "personal" }, { available: ["mem0"] });
    // Index 0 in `other`; index 2 (mem0) and 2 (personal) in the defaults.
    const r = new FirstRouter();
    r.record(outcome(d));
    expect(r.recorded).toEqual({ backend: "mem0", type: "personal" });
  });

  it("an outcome naming a different backend counts for that backend", () => {
    const r = new FirstRouter();
    const d = r.select({ type: "temporal" }, { available: ["qdrant"] });
    r.record(outcome(d, { backend: "neo4j" }));
    expect(r.recorded).toEqual({ backend: "neo4j", type: "temporal" });
  });

  it("a plain decision object (not a Decision) is looked up by name", () => {
    const r = new FirstRouter();
    const plain: RoutingDecision = {
      backend: "brand-new",
      confidence: 1,
      queryType: "other-type",
      reason: "",
      alternatives: [],
      strategy: "x",
    };
    r.record(outcome(plain));
    expect(r.recorded).toEqual({ backend: "brand-new", type: "other-type" });
  });

  it("rejects a bad outcome before counting it", () => {
    const r = new FirstRouter();
    const d = r.select({}, { available: ["qdrant"] });
    expect(() => r.record(outcome(d, { relevance: 2 }))).toThrow(/^outcome\.relevance/);
    expect(r.stats().outcomes).toBe(0);
  });
});

describe("BaseRouter.decide and certain", () => {
  it("decisions carry the available list and the router's name; certain marks one backend", () => {
    const r = new FirstRouter();
    const d = r.select({ type: "personal" }, { available: ["mem0", "qdrant"] });
    expect(d.candidates).toEqual(["mem0", "qdrant"]);
    expect(d.madeBy(r)).toBe(true);
    expect(d.strategy).toBe("first");
    expect(d.reason).toBe("the first one");
    expect(r.certainOf("qdrant")).toEqual([0, 1]);
    expect(r.certainOf("neo4j")).toEqual([0, 0]);
  });
});
