import { describe, expect, it } from "vitest";
import {
  type LearningPolicy,
  loggedData,
  parsePolicy,
  rejectionKeep,
  replay,
} from "../../src/ope/index.js";
import { createStream } from "../../src/random/index.js";
import type { TraceRow } from "../../src/traces/trace-row.js";

/** Success probability per backend in a two-armed world. */
const P: Record<string, number> = { a: 0.9, b: 0.1 };

/** A log of n decisions between a and b, a chosen with probability pa, rewards drawn. */
function log(n: number, pa: number, seed: number, withPropensity = true) {
  const rng = createStream(seed, "replay-test-log");
  const rows: TraceRow[] = [];
  for (let i = 0; i < n; i++) {
    const backend = rng.next() < pa ? "a" : "b";
    const propensity = backend === "a" ? pa : 1 - pa;
    rows.push({
      backend,
      latencyMs: 1,
      queryType: "t",
      available: ["a", "b"],
      ...(withPropensity ? { propensity } : {}),
      sloMet: rng.next() < P[backend],
    });
  }
  return loggedData(rows, { source: "log.csv" });
}

const epsilonGreedy = parsePolicy("epsilon-greedy") as LearningPolicy;
const streams = (seed: number) => ({
  rng: createStream(seed, "learner"),
  rejection: createStream(seed, "rejection"),
});

describe("replay", () => {
  it("keeps every row of a uniform log, and agrees with it on about 1/K of them", () => {
    // Uniform logging over K = 2: whatever the learner picks, it matches the log with
    // probability 1/2, so steps ~ Binomial(20,000, 1/2): sd 70.7; 5 sd = 354.
    const data = log(20_000, 0.5, 1);
    expect(rejectionKeep(data)).toBeUndefined();
    const r = replay(data, epsilonGreedy, streams(1));
    expect(r.rejectionSampling).toBe(false);
    expect(r.offered).toBe(20_000);
    expect(Math.abs(r.steps - 10_000)).toBeLessThan(354);
  });

  it("is close to the learner's on-policy value on a uniform log", () => {
    // ε-greedy (ε = 0.1) settles on a within a few steps: on-policy its reward is
    // 0.9 (1 − ε/2) + 0.1 ε/2 = 0.86, less a learning cost of a few steps in 10,000 (< 0.002).
    // The estimate's se ≈ √(0.86·0.14/10,000) = 0.0035; 5 se + 0.002 = 0.02.
    const r = replay(log(20_000, 0.5, 2), epsilonGreedy, streams(2));
    expect(Math.abs(r.value - 0.86)).toBeLessThan(0.02);
    expect(r.lo).toBeLessThan(r.value);
    expect(r.hi).toBeGreaterThan(r.value);
  });

  it("thins a non-uniform log by rejection sampling into a uniform one", () => {
    // μ(a) = 0.8, μ(b) = 0.2, K = 2: keep (1/2)/μ over its max (2.5): a rows 0.25, b rows 1.
    const data = log(40_000, 0.8, 3);
    const keep = rejectionKeep(data)!;
    for (let i = 0; i < data.n; i++) {
      expect(keep[i]).toBeCloseTo(data.backends[data.action[i]] === "a" ? 0.25 : 1, 12);
    }
    // Each row is kept with probability 0.8·0.25 + 0.2 = 0.4 overall: offered ~
    // Binomial(40,000, 0.4), sd 98; 5 sd = 490. The estimate matches the uniform log's
    // target of 0.86 as above, with about 8,000 steps (se 0.0039; 5 se + 0.002 = 0.022).
    const r = replay(data, epsilonGreedy, streams(3));
    expect(r.rejectionSampling).toBe(true);
    expect(Math.abs(r.offered - 16_000)).toBeLessThan(490);
    expect(Math.abs(r.value - 0.86)).toBeLessThan(0.022);
  });

  it("without propensities, takes the log as uniform", () => {
    const data = log(1000, 0.8, 4, false);
    expect(rejectionKeep(data)).toBeUndefined();
    expect(replay(data, epsilonGreedy, streams(4)).offered).toBe(1000);
  });

  it("is deterministic for a seed", () => {
    const data = log(3000, 0.7, 5);
    const thompson = parsePolicy("thompson") as LearningPolicy;
    expect(replay(data, thompson, streams(6))).toEqual(replay(data, thompson, streams(6)));
  });
});
