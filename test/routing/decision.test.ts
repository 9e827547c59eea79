import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decision, type DecisionExplainer, decisionJSON } from "../../src/routing/decision.js";
import type { RoutingDecision } from "../../src/routing/types.js";

/** An explainer that counts its calls. */
function counting(text = "because"): DecisionExplainer & { calls: number } {
  return {
    calls: 0,
    explain(d) {
      this.calls++;
      return `${text} ${d.backend}`;
    },
  };
}

function decision(
  backend: string,
  candidates: readonly string[],
  scores?: readonly number[],
  explainer: DecisionExplainer = counting(),
): Decision {
  return new Decision(backend, 0.5, "personal", "test", explainer, candidates, scores, undefined);
}

/**
 * The model ranking: repeatedly take the best remaining score, the earliest on ties, skipping
 * the chosen backend and names already taken.
 */
function modelRanking(backend: string, candidates: readonly string[], scores: readonly number[]) {
  const out: string[] = [];
  const left = candidates.map((name, i) => ({ name, score: scores[i], i }));
  while (left.length > 0) {
    let best = 0;
    for (let k = 1; k < left.length; k++) if (left[k].score > left[best].score) best = k;
    const [pick] = left.splice(best, 1);
    if (pick.name !== backend && !out.includes(pick.name)) out.push(pick.name);
  }
  return out;
}

describe("Decision.alternatives", () => {
  it("ranks by descending score, ties in candidate order, without the chosen backend", () => {
    const d = decision("b", ["a", "b", "c", "d"], [0.2, 0.9, 0.5, 0.5]);
    expect(d.alternatives).toEqual(["c", "d", "a"]);
  });

  it("keeps candidate order without scores, dropping duplicates and the choice", () => {
    expect(decision("b", ["c", "b", "a", "c", "b"]).alternatives).toEqual(["c", "a"]);
  });

  it("matches the selection model for any candidates and scores (property)", () => {
    const name = fc.constantFrom("a", "b", "c", "d", "e");
    fc.assert(
      fc.property(
        name,
        fc.array(fc.tuple(name, fc.integer({ min: 0, max: 3 })), { maxLength: 10 }),
        (backend, pairs) => {
          const candidates = pairs.map(([n]) => n);
          const scores = pairs.map(([, s]) => s);
          // A duplicate's first occurrence is the one ranked (with its own score).
          const expected = modelRanking(
            backend,
            candidates.filter((n, i) => candidates.indexOf(n) === i),
            scores.filter((_, i) => candidates.indexOf(candidates[i]) === i),
          );
          expect(decision(backend, candidates, scores).alternatives).toEqual(expected);
        },
      ),
    );
  });

  it("uses precomputed alternatives as given, and ranks once", () => {
    const given = Object.freeze(["z", "y"]);
    const d = new Decision("a", 1, "t", "s", counting(), ["a", "y", "z"], [3, 2, 1], 0, given);
    expect(d.alternatives).toBe(given);
    const ranked = decision("a", ["a", "b"], [1, 2]);
    expect(ranked.alternatives).toBe(ranked.alternatives);
  });
});

describe("Decision.reason", () => {
  it("asks the explainer only when read, and only once", () => {
    const explainer = counting();
    const d = decision("qdrant", ["qdrant"], undefined, explainer);
    expect(explainer.calls).toBe(0);
    expect(d.reason).toBe("because qdrant");
    expect(d.reason).toBe("because qdrant");
    d.toJSON();
    expect(explainer.calls).toBe(1);
  });

  it("madeBy tells the deciding explainer from any other", () => {
    const mine = counting();
    const d = decision("a", ["a"], undefined, mine);
    expect(d.madeBy(mine)).toBe(true);
    expect(d.madeBy(counting())).toBe(false);
  });
});

describe("decisionJSON and toJSON", () => {
  it("serialises the six fields (getters included), and the pattern only when set", () => {
    const d = decision("b", ["a", "b", "c"], [1, 0, 2]);
    d.typeIndex = 3;
    const plain = JSON.parse(JSON.stringify(d));
    expect(plain).toEqual({
      backend: "b",
      confidence: 0.5,
      queryType: "personal",
      reason: "because b",
      alternatives: ["c", "a"],
      strategy: "test",
    });
    d.pattern = "hedged";
    expect(d.toJSON()).toMatchObject({ pattern: "hedged" });
  });

  it("copies any RoutingDecision into a plain object", () => {
    const r: RoutingDecision = {
      backend: "x",
      confidence: 1,
      queryType: "t",
      reason: "r",
      alternatives: ["y"],
      strategy: "s",
      pattern: "parallel",
    };
    const out = decisionJSON(r);
    expect(out).toEqual(r);
    expect(out).not.toBe(r);
    expect(Object.keys(decisionJSON({ ...r, pattern: undefined }))).not.toContain("pattern");
  });
});
