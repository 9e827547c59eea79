import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RoutingInputError } from "../../src/routing/errors.js";
import {
  DEFAULT_SUCCESS,
  rewardFunction,
  successRule,
  validateOutcome,
} from "../../src/routing/reward.js";
import type { Outcome, RoutingDecision } from "../../src/routing/types.js";

const decision: RoutingDecision = {
  backend: "qdrant",
  confidence: 1,
  queryType: "similarity",
  reason: "test",
  alternatives: [],
  strategy: "test",
};
const outcome = (relevance: number, latencyMs: number, more: Partial<Outcome> = {}): Outcome => ({
  decision,
  relevance,
  latencyMs,
  ...more,
});

describe("successRule", () => {
  it("counts relevance above the threshold and latency under the SLO, both strict", () => {
    const rule = successRule({ relevanceThreshold: 0.5, latencySloMs: 100 });
    expect(rule({ relevance: 0.51, latencyMs: 99 })).toBe(true);
    expect(rule({ relevance: 0.5, latencyMs: 10 })).toBe(false);
    expect(rule({ relevance: 0.9, latencyMs: 100 })).toBe(false);
    const defaults = successRule();
    const { relevanceThreshold: t, latencySloMs: slo } = DEFAULT_SUCCESS;
    expect(defaults({ relevance: t + 0.01, latencyMs: slo - 1 })).toBe(true);
    expect(defaults({ relevance: t, latencyMs: slo - 1 })).toBe(false);
  });

  it("passes a custom rule through, and names a bad threshold or SLO", () => {
    const custom = () => true;
    expect(successRule(custom)).toBe(custom);
    expect(() => successRule({ relevanceThreshold: Number.NaN })).toThrow(
      /success\.relevanceThreshold/,
    );
    expect(() => successRule({ latencySloMs: 0 })).toThrow(RoutingInputError);
    expect(() => successRule({ latencySloMs: 0 })).toThrow(/success\.latencySloMs/);
  });
});

describe("rewardFunction", () => {
  it("success: 1 or 0, the outcome's own success flag overriding the rule", () => {
    const r = rewardFunction({ kind: "success" }, successRule({ relevanceThreshold: 0.5 }));
    expect(r(outcome(0.9, 10))).toBe(1);
    expect(r(outcome(0.1, 10))).toBe(0);
    expect(r(outcome(0.1, 10, { success: true }))).toBe(1);
    expect(r(outcome(0.9, 10, { success: false }))).toBe(0);
  });

  it("relevance-latency: relevance − λ·latency, clipped to [0, 1]", () => {
    const lambda = 0.001;
    const r = rewardFunction({ kind: "relevance-latency", lambda });
    expect(r(outcome(0.8, 100))).toBeCloseTo(0.7, 12);
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        (relevance, latencyMs) => {
          const v = r(outcome(relevance, latencyMs));
          expect(v).toBe(Math.min(Math.max(relevance - lambda * latencyMs, 0), 1));
          expect(v >= 0 && v <= 1).toBe(true);
        },
      ),
    );
  });

  it("names a bad λ or kind", () => {
    expect(() => rewardFunction({ kind: "relevance-latency", lambda: -1 })).toThrow(
      /reward\.lambda/,
    );
    expect(() =>
      rewardFunction({ kind: "relevance-latency", lambda: Number.POSITIVE_INFINITY }),
    ).toThrow(/reward\.lambda/);
    expect(() => rewardFunction({ kind: "speed" } as never)).toThrow(/reward\.kind.*"speed"/);
  });
});

describe("validateOutcome", () => {
  it("accepts outcomes in range and names the first field out of range", () => {
    expect(() => validateOutcome(outcome(1, 0, { feedback: -1 }))).not.toThrow();
    expect(() => validateOutcome(outcome(1.5, 0))).toThrow(/outcome\.relevance/);
    expect(() => validateOutcome(outcome(Number.NaN, 0))).toThrow(/outcome\.relevance/);
    expect(() => validateOutcome(outcome(0.5, -1))).toThrow(/outcome\.latencyMs/);
    expect(() => validateOutcome(outcome(0.5, Number.POSITIVE_INFINITY))).toThrow(
      /outcome\.latencyMs/,
    );
    expect(() => validateOutcome(outcome(0.5, 1, { feedback: 2 }))).toThrow(/outcome\.feedback/);
    expect(() => validateOutcome({ ...outcome(0.5, 1), decision: undefined } as never)).toThrow(
      /outcome\.decision/,
    );
    expect(() => validateOutcome(outcome(2, 1))).toThrow(RoutingInputError);
  });
});
