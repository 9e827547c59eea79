import { describe, expect, it } from "vitest";
import {
  type CellResult,
  gridCells,
  parseGridSpec,
  summariseSweep,
} from "../../src/tuning/index.js";

/**
 * Synthetic results: regret = base + effect(cell) + noise(rep), noise shared across cells, and
 * SLO attainment falls by 1 point per 100 regret (so the SLO leader is the regret leader).
 */
function results(
  effect: (c: Record<string, number>) => number,
  reps: number,
  noise = 1,
): CellResult[] {
  const cells = gridCells(parseGridSpec("strength=1,10;discount=1,0.99"));
  const shared = Array.from({ length: reps }, (_, r) => 100 + 5 * Math.sin(r));
  return cells.map((cell, i) => ({
    cell,
    runs: shared.map((base, r) => ({
      repetition: r,
      regret: base + effect(cell.coordinates) + noise * Math.cos(7 * r + i),
      successRate: 0.9,
      sloAttainment: 0.9 - (base + effect(cell.coordinates) + noise * Math.cos(7 * r + i)) / 1e4,
      bestBackendRate: 0.5,
    })),
  }));
}

describe("summariseSweep", () => {
  it("finds the best cell with paired intervals and bootstrap probability", () => {
    // strength 10 lowers regret by 20, discount 0.99 raises it by 10; noise ≤ 1 per run.
    const s = summariseSweep(
      results((c) => (c.strength === 10 ? -20 : 0) + (c.discount < 1 ? 10 : 0), 10),
      { seed: 1 },
    );
    expect(s.best.id).toBe("strength=10,discount=1");
    expect(s.best.pBest).toBe(1);
    expect(s.best.indistinguishable).toEqual([]);
    // Shared per-repetition noise cancels in the paired differences.
    const other = s.cells.find((c) => c.id === "strength=1,discount=1")!;
    // 20 regret = 0.002 SLO attainment below the best.
    expect(other.sloVsBest.mean).toBeCloseTo(-0.002, 4);
    expect(other.sloVsBest.hi).toBeLessThan(-0.0015);
  });

  it("splits the between-cell variance by main effect", () => {
    // Purely additive effects: shares are 20²/(20² + 10²) and 10²/(20² + 10²) with no noise.
    const s = summariseSweep(
      results((c) => (c.strength === 10 ? -20 : 0) + (c.discount < 1 ? 10 : 0), 4, 0),
      { seed: 1 },
    );
    const share = Object.fromEntries(s.sensitivity.dimensions.map((d) => [d.key, d.share]));
    expect(share.strength).toBeCloseTo(0.8, 12);
    expect(share.discount).toBeCloseTo(0.2, 12);
    const strength = s.sensitivity.dimensions.find((d) => d.key === "strength")!;
    expect(strength.regretRange).toBeCloseTo(20, 12);
    expect(s.sensitivity.regretSpread.absolute).toBeCloseTo(30, 12);
  });

  it("ranks by SLO attainment, not regret, when the two disagree", () => {
    const rs = results(() => 0, 4, 0).map((r) => ({
      ...r,
      runs: r.runs.map((x) => ({
        ...x,
        // strength 10 learns faster (less regret) but meets the SLO less often.
        regret: x.regret + (r.cell.coordinates.strength === 10 ? -50 : 0),
        sloAttainment: 0.8 + (r.cell.coordinates.strength === 10 ? 0 : 0.05),
      })),
    }));
    const s = summariseSweep(rs, { seed: 3 });
    expect(s.best.id.startsWith("strength=1,")).toBe(true);
    expect(s.best.sloAttainment.mean).toBeCloseTo(0.85, 12);
  });

  it("calls cells indistinguishable when their paired interval includes 0", () => {
    const s = summariseSweep(
      results(() => 0, 6),
      { seed: 2 },
    );
    expect(s.best.indistinguishable).toHaveLength(3);
    expect(s.best.pBest).toBeLessThan(1);
  });
});
