import jStat from "jstat";
import { describe, expect, it } from "vitest";
import {
  compileScenario,
  type LogisticRelevanceSpec,
  loadScenario,
  sigmoid,
} from "../../../src/sim/index.js";

const contextual = compileScenario(loadScenario("data/scenarios/contextual.json"));
const ordinary = compileScenario(loadScenario("data/scenarios/default.json"));
const TOPICS = ["colleagues", "papers", "notes", "alerts"];

describe("reward rows", () => {
  it("are the query types in an ordinary scenario, with the per-type rewards", () => {
    expect(ordinary.contextual).toBe(false);
    expect(ordinary.rows).toBe(ordinary.types.length);
    for (let ty = 0; ty < ordinary.types.length; ty++) {
      expect(ordinary.rowOf(ty, ordinary.queryTexts[ty][0])).toBe(ty);
      expect([...new Set(ordinary.queryRows[ty])]).toEqual([ty]);
      for (let b = 0; b < ordinary.backends.length; b++) {
        expect(ordinary.expectedReward(ty, b, 0)).toBe(ordinary.rowReward(ty, b, 0));
      }
    }
  });

  it("are the distinct query models in a contextual one: one per (type, topic) there", () => {
    expect(contextual.contextual).toBe(true);
    // Only the topic word carries weight, so templates and fillers share their topic's row.
    expect(contextual.rows).toBe(contextual.types.length * TOPICS.length);
    contextual.types.forEach((_, ty) => {
      const texts = contextual.queryTexts[ty];
      for (const topic of TOPICS) {
        const rows = new Set(
          texts.filter((t) => t.includes(topic)).map((t) => contextual.rowOf(ty, t)),
        );
        expect(rows.size).toBe(1);
      }
    });
  });

  it("give each query the reward of its own words, in closed form", () => {
    const s = contextual.scenario;
    const ty = contextual.typeIndex.get("similarity") as number;
    const text = contextual.queryTexts[ty].find((t) => t.includes("papers")) as string;
    const row = contextual.rowOf(ty, text);
    contextual.backends.forEach((id, b) => {
      const spec = s.backends[id];
      const rel = (spec.relevance.similarity ?? spec.relevance.default) as LogisticRelevanceSpec;
      const words = rel.words ?? {};
      const m = sigmoid(rel.intercept + (words.papers ?? 0));
      const c = rel.concentration as number;
      const pRel = 1 - jStat.ibeta(s.slo.minRelevance, m * c, (1 - m) * c);
      const lat = contextual.states[b][0].latency.cdf(s.slo.latencyMs);
      const expected = (1 - (spec.failureProbability ?? 0)) * pRel * lat;
      expect(contextual.rowReward(row, b, 0)).toBeCloseTo(expected, 12);
    });
  });

  it("make the best backend differ within a type, and average to the type-level reward", () => {
    contextual.types.forEach((_, ty) => {
      const texts = contextual.queryTexts[ty];
      const best = new Set<number>();
      contextual.backends.forEach((_, b) => {
        let sum = 0;
        for (const t of texts) sum += contextual.rowReward(contextual.rowOf(ty, t), b, 0);
        expect(contextual.expectedReward(ty, b, 0)).toBeCloseTo(sum / texts.length, 12);
      });
      for (const t of texts) {
        const row = contextual.rowOf(ty, t);
        const rewards = contextual.backends.map((_, b) => contextual.rowReward(row, b, 0));
        best.add(rewards.indexOf(Math.max(...rewards)));
        expect(contextual.bestRowReward(row, 0)).toBe(Math.max(...rewards));
      }
      expect(best.size).toBe(TOPICS.length);
      // One backend for the whole type does worse than the best for each query.
      const perQuery =
        texts.reduce((a, t) => a + contextual.bestRowReward(contextual.rowOf(ty, t), 0), 0) /
        texts.length;
      expect(perQuery - contextual.bestReward(ty, 0)).toBeGreaterThan(0.2);
    });
  });

  it("refuses a text the contextual scenario does not hold (its relevance was never compiled)", () => {
    expect(() => contextual.rowOf(0, "something else entirely")).toThrow(
      /is not a query text of type "relationship"/,
    );
  });
});
