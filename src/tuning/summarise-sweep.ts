import { createStream } from "../random/stream.js";
import { type Estimate, hasInterval, meanInterval } from "../stats/estimate.js";
import { type PriorSetting, type SweepCell, thompsonOptions } from "./prior-setting.js";
import { type SweepAdvice, sweepAdvice } from "./sweep-advice.js";
import type { RunSummary } from "./sweep-task.js";

/** A cell's runs, one per repetition. */
export interface CellResult {
  cell: SweepCell;
  /** Sorted by repetition 0 … R − 1. */
  runs: RunSummary[];
}

/** A cell's statistics over repetitions. */
export interface CellSummary {
  id: string;
  coordinates: Record<string, number>;
  setting: PriorSetting;
  /** True for the Beta(1, 1), no-forgetting reference added when the grid lacks it. */
  baseline: boolean;
  regret: Estimate;
  successRate: Estimate;
  sloAttainment: Estimate;
  bestBackendRate: Estimate;
  /**
   * Paired difference of SLO attainment against the best cell (this − best, fractions), per
   * repetition; at most 0 in the mean.
   */
  sloVsBest: Estimate;
  /**
   * Share of bootstrap resamples of the repetitions in which this cell has the highest SLO
   * attainment.
   */
  pBest: number;
}

/** How much one grid dimension matters. */
export interface DimensionSensitivity {
  key: string;
  /** Mean regret over the grid cells at each value of this dimension (a main effect). */
  levels: { value: number; regret: number; successRate: number }[];
  /** Largest minus smallest level regret. */
  regretRange: number;
  /** Share of the between-cell variance of mean regret this dimension's main effect explains (η²). */
  share: number;
}

/** The summary of a finished sweep. */
export interface SweepSummary {
  /** Grid cells (and the baseline, if added), in grid order. */
  cells: CellSummary[];
  /**
   * The leader: the grid cell with the highest mean SLO attainment (the one objective,
   * `sim/metrics/objective.ts`). Leading is not being advised: see `advice`.
   */
  best: {
    id: string;
    sloAttainment: Estimate;
    regret: Estimate;
    successRate: Estimate;
    /** Bootstrap probability that it is the best cell. */
    pBest: number;
    /**
     * Cells whose paired 95 % interval of SLO attainment against the best includes 0: not
     * distinguishable from it.
     */
    indistinguishable: string[];
  };
  /** Whether any setting is shown better than the baseline (Holm-corrected, paired). */
  advice: SweepAdvice;
  sensitivity: {
    dimensions: DimensionSensitivity[];
    /** Highest minus lowest grid cell regret, and as a share of the lowest. */
    regretSpread: { absolute: number; relative: number };
  };
  /** Bootstrap resamples used for `pBest`. */
  bootstrap: number;
}

const key = (s: PriorSetting) => JSON.stringify(thompsonOptions(s));

/**
 * Summarises a sweep: per-cell means with 95 % intervals, the leader by mean SLO attainment
 * (the one objective) with its uncertainty (paired intervals against every other cell, and a
 * bootstrap probability of being best), the verdict against the Beta(1, 1), no-forgetting
 * baseline (Holm-corrected paired intervals, {@link sweepAdvice}), and a sensitivity analysis
 * of regret (main effect of each dimension and its share of the between-cell variance).
 * Deterministic for a given input and seed.
 *
 * @param results every grid cell's runs (same repetitions in each), then optionally the baseline
 * @param options `seed` of the bootstrap stream, `bootstrap` resamples (default 2000), `alpha`
 *   the verdict's family-wise error rate (default 0.05)
 * @returns the summary
 * @throws {RangeError} when there is no grid cell or the cells' repetitions differ
 */
export function summariseSweep(
  results: readonly CellResult[],
  options: { seed: number; bootstrap?: number; alpha?: number },
): SweepSummary {
  const grid = results.filter((r) => r.cell.id !== "baseline");
  if (grid.length === 0) throw new RangeError("a sweep summary needs at least one grid cell");
  const reps = grid[0].runs.length;
  if (results.some((r) => r.runs.length !== reps)) {
    throw new RangeError("every cell needs the same repetitions");
  }
  const regrets = results.map((r) => r.runs.map((x) => x.regret));
  const means = regrets.map((xs) => xs.reduce((a, b) => a + b, 0) / xs.length);
  const slo = results.map((r) => r.runs.map((x) => x.sloAttainment));
  const sloMeans = slo.map((xs) => xs.reduce((a, b) => a + b, 0) / xs.length);

  // The leader: highest SLO attainment (the baseline competes only when it is also a grid cell).
  let bestI = 0;
  for (let i = 1; i < grid.length; i++) if (sloMeans[i] > sloMeans[bestI]) bestI = i;

  // Paired bootstrap over repetitions: the same resample for every cell.
  const B = options.bootstrap ?? 2000;
  const wins = new Array<number>(grid.length).fill(0);
  const rng = createStream(options.seed, "prior-sweep", "bootstrap");
  const pick = new Int32Array(reps);
  for (let b = 0; b < B; b++) {
    for (let j = 0; j < reps; j++) pick[j] = rng.int(reps);
    let winner = 0;
    let high = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < grid.length; i++) {
      let s = 0;
      for (let j = 0; j < reps; j++) s += slo[i][pick[j]];
      if (s > high) {
        high = s;
        winner = i;
      }
    }
    wins[winner]++;
  }

  const cells: CellSummary[] = results.map((r, i) => ({
    id: r.cell.id,
    coordinates: r.cell.coordinates,
    setting: r.cell.setting,
    baseline: r.cell.id === "baseline",
    regret: meanInterval(regrets[i]),
    successRate: meanInterval(r.runs.map((x) => x.successRate)),
    sloAttainment: meanInterval(r.runs.map((x) => x.sloAttainment)),
    bestBackendRate: meanInterval(r.runs.map((x) => x.bestBackendRate)),
    sloVsBest: meanInterval(slo[i].map((x, j) => x - slo[bestI][j])),
    pBest: i < grid.length ? wins[i] / B : 0,
  }));
  const best = cells[bestI];
  const indistinguishable = cells
    .slice(0, grid.length)
    .filter((c, i) => i !== bestI && hasInterval(c.sloVsBest) && c.sloVsBest.hi >= 0)
    .map((c) => c.id);

  // Main effects over the grid cells.
  const gridMeans = means.slice(0, grid.length);
  const grand = gridMeans.reduce((a, b) => a + b, 0) / grid.length;
  const totalSS = gridMeans.reduce((s, m) => s + (m - grand) ** 2, 0);
  const dimensionKeys = Object.keys(grid[0].cell.coordinates);
  const dimensions = dimensionKeys.map((k): DimensionSensitivity => {
    const values = [...new Set(grid.map((r) => r.cell.coordinates[k]))];
    const levels = values.map((value) => {
      const at = grid.map((_, i) => i).filter((i) => grid[i].cell.coordinates[k] === value);
      const regret = at.reduce((s, i) => s + gridMeans[i], 0) / at.length;
      const successRate = at.reduce((s, i) => s + cells[i].successRate.mean, 0) / at.length;
      return { value, regret, successRate, count: at.length };
    });
    const ss = levels.reduce((s, l) => s + l.count * (l.regret - grand) ** 2, 0);
    const rs = levels.map((l) => l.regret);
    return {
      key: k,
      levels: levels.map(({ value, regret, successRate }) => ({ value, regret, successRate })),
      regretRange: Math.max(...rs) - Math.min(...rs),
      share: totalSS > 0 ? ss / totalSS : 0,
    };
  });
  const worst = Math.max(...gridMeans);
  const lowest = Math.min(...gridMeans);
  const baselineKey = key({ strength: 2, mean: 0.5, byType: {}, discount: 1 });
  const baselineI = results.findIndex((r) => key(r.cell.setting) === baselineKey);
  return {
    cells,
    best: {
      id: best.id,
      sloAttainment: best.sloAttainment,
      regret: best.regret,
      successRate: best.successRate,
      pBest: best.pBest,
      indistinguishable,
    },
    advice: sweepAdvice(
      { ids: cells.map((c) => c.id), slo, baseline: baselineI, leader: bestI },
      options.alpha,
    ),
    sensitivity: {
      dimensions,
      regretSpread: {
        absolute: worst - lowest,
        relative: lowest > 0 ? (worst - lowest) / lowest : 0,
      },
    },
    bootstrap: B,
  };
}
