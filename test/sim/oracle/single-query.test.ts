import { describe, expect, it } from "vitest";
import { parsePatternSpec } from "../../../src/patterns/index.js";
import { type Answer, SingleQuery } from "../../../src/sim/oracle/single-query.js";

/**
 * What each execution pattern returns to the caller, on hand-made answers: the definitions
 * the one objective is judged by (data/scenarios/README.md, "What the caller gets").
 */
const SLO = { minRelevance: 0.7, sloLatencyMs: 200 };
const ok = (latency: number, relevance: number): Answer => ({ latency, relevance, failed: false });
const failed = (latency: number): Answer => ({ latency, relevance: 0, failed: true });

/** Runs one query; backend b's n-th request gets script[b][n]. */
function run(pattern: string, order: number[], script: Answer[][], quantiles: number[] = []) {
  const q = new SingleQuery(parsePatternSpec(pattern), SLO);
  return q.run(order, script.length, (b, n) => script[b][n], quantiles);
}

describe("what the caller gets", () => {
  it("feed-forward: the one answer", () => {
    expect(run("feed-forward", [1], [[], [ok(30, 0.4)]])).toEqual({
      latency: 30,
      relevance: 0.4,
      failed: false,
      calls: 1,
    });
    expect(run("feed-forward", [0], [[failed(5)]])).toMatchObject({ failed: true, relevance: 0 });
  });

  it("parallel, rule all: the best relevance of all answers, when the last is back", () => {
    const a = run("parallel:fanout=3", [0, 1, 2], [[ok(10, 0.5)], [ok(80, 0.9)], [failed(40)]]);
    expect(a).toEqual({ latency: 80, relevance: 0.9, failed: false, calls: 3 });
  });

  it("parallel, first-k: the best of the first k successes (a fast irrelevant answer wins k = 1)", () => {
    const script = [[ok(5, 0.2)], [ok(50, 0.95)], [ok(20, 0.8)]];
    expect(run("parallel:fanout=3,rule=first-k", [0, 1, 2], script)).toMatchObject({
      latency: 5,
      relevance: 0.2,
    });
    expect(run("parallel:fanout=3,rule=first-k,k=2", [0, 1, 2], script)).toMatchObject({
      latency: 20,
      relevance: 0.8,
    });
    // Failures do not count towards k.
    const withFailure = [[failed(1)], [ok(50, 0.95)], [ok(20, 0.8)]];
    expect(run("parallel:fanout=3,rule=first-k", [0, 1, 2], withFailure)).toMatchObject({
      latency: 20,
      relevance: 0.8,
    });
  });

  it("parallel, deadline: the best received in time; nothing in time is a failure", () => {
    const script = [[ok(10, 0.6)], [ok(90, 0.8)], [ok(300, 1)]];
    expect(run("parallel:fanout=3,rule=deadline,deadlineMs=100", [0, 1, 2], script)).toMatchObject({
      latency: 100,
      relevance: 0.8,
      failed: false,
    });
    expect(
      run("parallel:fanout=2,rule=deadline,deadlineMs=100", [0, 1], [[ok(150, 1)], [failed(20)]]),
    ).toMatchObject({ latency: 100, failed: true });
  });

  it("hedged: the first successful answer, primary or backup", () => {
    // The primary is slow: the backup goes at 50 ms and answers at 50 + 30.
    const slow = [[ok(400, 0.9)], [ok(30, 0.75)]];
    expect(run("hedged:delay=50", [0, 1], slow)).toEqual({
      latency: 80,
      relevance: 0.75,
      failed: false,
      calls: 2,
    });
    // A primary within the delay: no backup.
    expect(run("hedged:delay=50", [0, 1], [[ok(20, 0.3)], [ok(1, 1)]])).toMatchObject({
      latency: 20,
      relevance: 0.3,
      calls: 1,
    });
    // Percentile hedging waits for the primary's latency quantile.
    expect(run("hedged:delay=p95", [0, 1], slow, [120, 0])).toMatchObject({ latency: 150 });
    // Both fail: the query fails when the last is back.
    expect(run("hedged:delay=50", [0, 1], [[failed(300)], [failed(10)]])).toMatchObject({
      failed: true,
      latency: 300,
    });
  });

  it("recursive: re-asks while below the threshold and returns the best answer so far", () => {
    const script = [[ok(10, 0.5)], [ok(20, 0.6)], [ok(30, 0.4)]];
    expect(run("recursive:maxIterations=3", [0, 1, 2], script)).toEqual({
      latency: 60,
      relevance: 0.6,
      failed: false,
      calls: 3,
    });
    // Stops at the first answer that reaches the threshold.
    expect(run("recursive", [0, 1, 2], [[failed(5)], [ok(20, 0.9)], [ok(1, 1)]])).toMatchObject({
      latency: 25,
      relevance: 0.9,
      calls: 2,
    });
  });

  it("chain: the final stage's answer; a failed stage fails the query", () => {
    expect(run("chain:stages=2", [0, 1], [[ok(10, 0.9)], [ok(20, 0.5)]])).toEqual({
      latency: 30,
      relevance: 0.5,
      failed: false,
      calls: 2,
    });
    expect(run("chain:stages=2", [0, 1], [[failed(10)], [ok(20, 1)]])).toMatchObject({
      failed: true,
      calls: 1,
    });
  });
});
