import { describe, expect, it } from "vitest";
import { meanInterval } from "../../src/stats/estimate.js";
import { sweepAdvice } from "../../src/tuning/index.js";

/** The baseline's SLO attainment per repetition, shared by every setting (paired noise). */
const BASE = [0.8, 0.82, 0.79, 0.81, 0.8];
const ids = (m: number) => [...Array.from({ length: m }, (_, i) => `s${i}`), "baseline"];

/**
 * Gains over the baseline whose uncorrected 95 % interval lies above 0 but whose
 * Holm-corrected one (over 10 settings) does not: mean 0.02, sd 0.01275 (deviations 0,
 * ±0.015, ±0.01), so t = 0.02 / (0.01275 / √5) ≈ 3.51, between t(0.975, 4) ≈ 2.78 (95 %) and
 * t(1 − 0.0025, 4) ≈ 5.60 (two-sided 1 − 0.05/10, Holm's first level for m = 10).
 */
const NOISY_GAIN = [0.02, 0.035, 0.005, 0.03, 0.01];

describe("sweepAdvice", () => {
  it("does not advise a leader that only beats the baseline before the Holm correction", () => {
    const slo = [
      BASE.map((b, r) => b + NOISY_GAIN[r]),
      // Nine settings with no effect: ±0.005 around the baseline.
      ...Array.from({ length: 9 }, (_, i) => BASE.map((b, r) => b + 0.005 * Math.cos(i + 3 * r))),
      BASE,
    ];
    expect(meanInterval(NOISY_GAIN).lo).toBeGreaterThan(0); // uncorrected: "better"
    const a = sweepAdvice({ ids: ids(10), slo, baseline: 10, leader: 0 });
    expect(a.verdict).toBe("not-shown-better");
    expect(a.id).toBe("s0");
    expect(a.tested).toBe(10);
    expect(a.shownBetter).toEqual([]);
    const diff = a.effect!.sloAttainment.diff;
    expect(diff.mean).toBeCloseTo(0.02, 12);
    expect(diff.lo).toBeLessThanOrEqual(0);
    expect(a.confidence).toBeCloseTo(1 - 0.05 / 10, 12);
    expect(a.reason).toMatch(/no setting was shown better than Beta\(1, 1\)/);
  });

  it("advises the same gain when it is the only setting tried (no multiplicity)", () => {
    const slo = [BASE.map((b, r) => b + NOISY_GAIN[r]), BASE];
    const a = sweepAdvice({ ids: ids(1), slo, baseline: 1, leader: 0 });
    expect(a.verdict).toBe("advised");
    expect(a.effect!.sloAttainment.diff.lo).toBeGreaterThan(0);
    expect(a.effect!.sloAttainment.before).toBeCloseTo(0.804, 12);
    expect(a.effect!.sloAttainment.after).toBeCloseTo(0.824, 12);
  });

  it("advises the largest confirmed gain, even when another setting leads by mean", () => {
    // s0 leads by mean (+5 points) but is noisy (±8); s1 gains 3 points with no spread.
    const slo = [
      BASE.map((b, r) => b + 0.05 + 0.08 * (r % 2 === 0 ? 1 : -1)),
      BASE.map((b) => b + 0.03),
      BASE,
    ];
    const a = sweepAdvice({ ids: ids(2), slo, baseline: 2, leader: 0 });
    expect(a.verdict).toBe("advised");
    expect(a.id).toBe("s1");
    expect(a.shownBetter).toEqual(["s1"]);
  });

  it("advises nothing without a baseline, and nothing from one repetition", () => {
    const none = sweepAdvice({ ids: ["s0", "s1"], slo: [[0.9], [0.1]], baseline: -1, leader: 0 });
    expect(none.verdict).toBe("no-baseline");
    expect(none.effect).toBeNull();
    const one = sweepAdvice({ ids: ids(1), slo: [[0.99], [0.1]], baseline: 1, leader: 0 });
    expect(one.verdict).toBe("not-shown-better");
    expect(one.reason).toMatch(/one repetition/);
  });

  it("compares the best other setting when the baseline itself leads", () => {
    const slo = [BASE.map((b) => b - 0.01), BASE];
    const a = sweepAdvice({ ids: ids(1), slo, baseline: 1, leader: 1 });
    expect(a.verdict).toBe("not-shown-better");
    expect(a.id).toBe("s0");
    expect(a.effect!.sloAttainment.diff.mean).toBeCloseTo(-0.01, 12);
  });
});
