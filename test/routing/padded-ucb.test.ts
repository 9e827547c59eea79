import jStat from "jstat";
import { describe, expect, it } from "vitest";
import { createStream } from "../../src/random/index.js";
import { createRouter } from "../../src/routing/index.js";

/** Upper end of a one-sided 97.5 % t-interval for the mean of xs. */
function upper(xs: number[]): number {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  return mean + (jStat.studentt.inv(0.975, n - 1) * sd) / Math.sqrt(n);
}

// An abrupt change: three backends; for 20,000 rounds "a" is best (0.9 against 0.5 and 0.3),
// then "a" falls to 0.4 and "c" rises to 0.6, the new best, for 10,000 rounds.
const NAMES = ["a", "b", "c"];
const BEFORE = [0.9, 0.5, 0.3];
const AFTER = [0.4, 0.5, 0.6];
const CHANGE = 20_000;
const T = 30_000;

/** Pseudo-regret after the change, one repetition. */
function regretAfterChange(strategy: string, r: number): number {
  const router = createRouter(strategy, { backends: NAMES, seed: r });
  const rng = createStream(21, r, "abrupt");
  let regret = 0;
  for (let t = 0; t < T; t++) {
    const mus = t < CHANGE ? BEFORE : AFTER;
    const d = router.select({ type: "unknown" }, { available: NAMES, now: t });
    const mu = mus[NAMES.indexOf(d.backend)];
    if (t >= CHANGE) regret += 0.6 - mu;
    router.record({ decision: d, relevance: rng.next() < mu ? 1 : 0, latencyMs: 1, now: t });
  }
  return regret;
}

describe("sw-ucb and d-ucb after an abrupt change", () => {
  it("recover: their regret after the change is below UCB1's (paired, one-sided 97.5 %)", () => {
    // UCB1's index for "a" is its mean over ≈ 20,000 plays at 0.9: after m plays at 0.4 it is
    // (0.9·20,000 + 0.4m)/(20,000 + m), which reaches c's new 0.6 only after m ≈ 30,000 plays,
    // so "a" keeps most of the 10,000 rounds after the change and UCB1's regret there is of
    // order 0.2 × several thousand. sw-ucb forgets "a"'s old plays after τ = 1,000 outcomes and
    // d-ucb after ≈ 1/(1 − γ) = 1,000, so theirs is the ≈ 1,000-round transition plus their
    // steady exploration (ξ ln τ/Δ² plays per window), a few hundred. The test: the paired
    // difference (forgetting − UCB1) has a 97.5 % upper t-bound below 0 over 12 repetitions.
    const reps = 12;
    const ucb1 = Array.from({ length: reps }, (_, r) => regretAfterChange("ucb1", r));
    for (const strategy of ["sw-ucb", "d-ucb"]) {
      const mine = Array.from({ length: reps }, (_, r) => regretAfterChange(strategy, r));
      expect(upper(mine.map((x, r) => x - ucb1[r])), strategy).toBeLessThan(0);
    }
  });

  it("reject the other kind of forgetting and bad padding, naming the option", () => {
    expect(() => createRouter("sw-ucb", { discount: 0.99 })).toThrow(/^discount: sw-ucb forgets/);
    expect(() => createRouter("d-ucb", { window: 10 })).toThrow(/^window: d-ucb forgets/);
    expect(() => createRouter("d-ucb", { discount: 1 })).toThrow(/^discount: must be in \(0, 1\)/);
    expect(() => createRouter("sw-ucb", { window: 0 })).toThrow(/^window: /);
    expect(() => createRouter("sw-ucb", { xi: 0 })).toThrow(/^xi: /);
    expect(() => createRouter("d-ucb", { bound: Number.NaN })).toThrow(/^bound: /);
  });
});
