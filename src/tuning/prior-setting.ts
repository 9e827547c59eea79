import type { BetaPrior, PriorOptions } from "../routing/priors.js";
import type { GridSpec } from "./grid-spec.js";

/** One point of the grid: the prior (global and per type) and the forgetting. */
export interface PriorSetting {
  /** Global prior strength α + β (default 2: the old Beta(1, 1)). */
  strength: number;
  /** Global prior mean α / (α + β) (default 0.5). */
  mean: number;
  /** Per-query-type overrides of strength and/or mean. */
  byType: Record<string, { strength?: number; mean?: number }>;
  /** Discount factor γ (1 = none). */
  discount: number;
  /** Sliding window length (absent = none). */
  window?: number;
}

/** One grid cell: a stable id, the setting and its coordinates. */
export interface SweepCell {
  /** Stable across runs: derived from the coordinates, e.g. `strength=2,mean=0.5`. */
  id: string;
  /** The value of each grid dimension, by key. */
  coordinates: Record<string, number>;
  setting: PriorSetting;
}

/** The default setting: Beta(1, 1) everywhere, no forgetting (the old system's). */
export const BASELINE_SETTING: PriorSetting = Object.freeze({
  strength: 2,
  mean: 0.5,
  byType: {},
  discount: 1,
}) as PriorSetting;

/**
 * Every cell of a grid, in row-major order (the last dimension varies fastest).
 *
 * @param grid a parsed grid
 * @returns the cells, each with its setting
 * @example gridCells(parseGridSpec("strength=1,2;discount=1,0.99")).length // 4
 */
export function gridCells(grid: GridSpec): SweepCell[] {
  let combos: Record<string, number>[] = [{}];
  for (const d of grid.dimensions) {
    const next: Record<string, number>[] = [];
    for (const c of combos) for (const v of d.values) next.push({ ...c, [d.key]: v });
    combos = next;
  }
  return combos.map((coordinates) => {
    const setting: PriorSetting = { ...BASELINE_SETTING, byType: {} };
    for (const d of grid.dimensions) {
      const v = coordinates[d.key];
      if (d.queryType !== undefined) {
        const entry = setting.byType[d.queryType] ?? {};
        if (d.parameter === "strength") entry.strength = v;
        else entry.mean = v;
        setting.byType[d.queryType] = entry;
      } else if (d.parameter === "window") {
        setting.window = v;
      } else {
        setting[d.parameter] = v;
      }
    }
    const id = grid.dimensions.map((d) => `${d.key}=${coordinates[d.key]}`).join(",");
    return { id, coordinates, setting };
  });
}

/** α = mean · strength, β = (1 − mean) · strength. */
export function betaPrior(strength: number, mean: number): BetaPrior {
  return { alpha: mean * strength, beta: (1 - mean) * strength };
}

/**
 * The `thompson` router options of a setting (JSON-ready, so it can go to a worker or a file):
 * `createRouter("thompson", { ...thompsonOptions(setting), rng })`.
 *
 * @param setting a grid point
 * @returns `{ priors, discount?, window? }`
 */
export function thompsonOptions(setting: PriorSetting): {
  priors: PriorOptions;
  discount?: number;
  window?: number;
} {
  const priors: PriorOptions = { default: betaPrior(setting.strength, setting.mean) };
  const types = Object.keys(setting.byType);
  if (types.length > 0) {
    const byType: Record<string, BetaPrior> = {};
    for (const t of types) {
      const o = setting.byType[t];
      byType[t] = betaPrior(o.strength ?? setting.strength, o.mean ?? setting.mean);
    }
    priors.byType = byType;
  }
  return {
    priors,
    ...(setting.discount < 1 ? { discount: setting.discount } : {}),
    ...(setting.window !== undefined ? { window: setting.window } : {}),
  };
}
