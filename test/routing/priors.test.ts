import { describe, expect, it } from "vitest";
import { RoutingInputError } from "../../src/routing/errors.js";
import { priorResolver, UNIFORM_PRIOR } from "../../src/routing/priors.js";

const p = (alpha: number, beta: number) => ({ alpha, beta });

describe("priorResolver", () => {
  it("defaults to Beta(1, 1) everywhere", () => {
    expect(priorResolver()("personal", "mem0")).toEqual({ alpha: 1, beta: 1 });
    expect(priorResolver({})("x", "y")).toBe(UNIFORM_PRIOR);
    expect(Object.isFrozen(UNIFORM_PRIOR)).toBe(true);
  });

  it("a single prior applies to every cell", () => {
    const at = priorResolver(p(2.5, 4));
    expect(at("a", "b")).toEqual(p(2.5, 4));
    expect(at("c", "d")).toEqual(p(2.5, 4));
  });

  it("the most specific level wins: type × backend, backend, type, default", () => {
    const at = priorResolver({
      default: p(1, 9),
      byType: { personal: p(2, 9) },
      byBackend: { mem0: p(3, 9) },
      byTypeAndBackend: { personal: { qdrant: p(4, 9) } },
    });
    expect(at("personal", "qdrant")).toEqual(p(4, 9));
    expect(at("personal", "mem0")).toEqual(p(3, 9));
    expect(at("similarity", "mem0")).toEqual(p(3, 9));
    expect(at("personal", "neo4j")).toEqual(p(2, 9));
    expect(at("similarity", "neo4j")).toEqual(p(1, 9));
  });

  it("copies the priors: later changes to the options do not leak in", () => {
    const byType = { personal: p(2, 2) };
    const at = priorResolver({ byType });
    byType.personal.alpha = 50;
    expect(at("personal", "x")).toEqual(p(2, 2));
  });

  it("names the first bad prior by its path", () => {
    const cases: [unknown, string][] = [
      [p(0, 1), "priors.alpha"],
      [p(1, Number.POSITIVE_INFINITY), "priors.beta"],
      [{ alpha: 1 }, "priors.beta"],
      [{ default: p(-1, 1) }, "priors.default.alpha"],
      [{ default: null }, "priors.default"],
      [{ byType: { personal: p(1, Number.NaN) } }, "priors.byType.personal.beta"],
      [{ byBackend: { mem0: "2/2" } }, "priors.byBackend.mem0"],
      [
        { byTypeAndBackend: { personal: { qdrant: { alpha: "1", beta: 1 } } } },
        "priors.byTypeAndBackend.personal.qdrant.alpha",
      ],
    ];
    for (const [options, field] of cases) {
      let error: unknown;
      try {
        priorResolver(options as Parameters<typeof priorResolver>[0]);
      } catch (e) {
        error = e;
      }
      expect(error, field).toBeInstanceOf(RoutingInputError);
      expect((error as RoutingInputError).field).toBe(field);
    }
  });
});
