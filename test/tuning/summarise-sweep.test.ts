import { describe, expect, it } from "vitest";
import {
  type CellResult,
  gridCells,
  parseGridSpec,
  summariseSweep,
} from "../../src/tuning/index.js";

/** Synthetic results: regret = base + effect(cell) + noise(rep); noise shared across cells. */
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
      sloAttainment: 0.9,
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
    expect(other.regretVsBest.mean).toBeCloseTo(20, 0);
    expect(other.regretVsBest.lo).toBeGreaterThan(15);
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

  it("calls cells indistinguishable when their paired interval includes 0", () => {
    const s = summariseSweep(
      results(() => 0, 6),
      { seed: 2 },
    );
    expect(s.best.indistinguishable).toHaveLength(3);
    expect(s.best.pBest).toBeLessThan(1);
  });
});
