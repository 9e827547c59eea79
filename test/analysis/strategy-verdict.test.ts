import jStat from "jstat";
import { describe, expect, it } from "vitest";
import { repsToSeparate, strategyVerdict } from "../../src/analysis/strategy-verdict.js";
import type { RunTotals } from "../../src/sim/metrics/types.js";

const runs = (...slo: number[]) => slo.map((sloAttainment) => ({ sloAttainment }) as RunTotals);

describe("strategyVerdict", () => {
  it("names the best strategy and says when the paired interval separates it", () => {
    // Differences 0.02, 0.03, 0.025: mean 0.025, sd 0.005, half-width 4.303 · 0.005/√3 = 0.0124.
    const v = strategyVerdict([
      { strategy: "oracle", repetitions: runs(0.99, 0.99, 0.99) },
      { strategy: "a", repetitions: runs(0.9, 0.92, 0.915) },
      { strategy: "b", repetitions: runs(0.88, 0.89, 0.89) },
    ]);
    expect(v.best).toBe("a");
    expect(v.runnerUp).toBe("b");
    expect(v.separated).toBe(true);
    expect(v.diff?.mean).toBeCloseTo(0.025, 12);
    expect(v.line).toMatch(
      /^Verdict: a meets the SLO most often .* ahead by 2\.50 points .*oracle left out/,
    );
  });

  it("says how many more repetitions would separate a close pair", () => {
    // Differences 0.01, −0.005, 0.02: mean 0.00833, sd 0.01258. Needed n: the first with
    // t(0.975, n − 1) · 0.01258/√n < 0.00833, checked against jStat below.
    const v = strategyVerdict([
      { strategy: "a", repetitions: runs(0.9, 0.895, 0.91) },
      { strategy: "b", repetitions: runs(0.89, 0.9, 0.89) },
    ]);
    expect(v.separated).toBe(false);
    const d = v.diff!;
    const n = repsToSeparate(d);
    const half = (k: number) => (jStat.studentt.inv(0.975, k - 1) * d.sd) / Math.sqrt(k);
    expect(half(n)).toBeLessThan(Math.abs(d.mean));
    expect(half(n - 1)).toBeGreaterThanOrEqual(Math.abs(d.mean));
    expect(v.moreReps).toBe(n - 3);
    expect(v.line).toContain(`about ${n - 3} more repetitions`);
  });

  it("cannot compare one repetition", () => {
    const v = strategyVerdict([
      { strategy: "a", repetitions: runs(0.9) },
      { strategy: "b", repetitions: runs(0.8) },
    ]);
    expect(v.separated).toBe(false);
    expect(v.line).toMatch(/--reps 2 or more/);
    expect(repsToSeparate({ mean: 0, lo: 0, hi: 0, sd: 1, n: 3 })).toBeNaN();
  });
});
