/** Notebook 06: Thompson sampling with and without forgetting on a drifting scenario. */
import { availableParallelism } from "node:os";
import { toPatternSpec } from "../../patterns/spec.js";
import { aggregateCurves, aggregateTotals } from "../../sim/metrics/aggregate.js";
import { createSimulationPool, runPoolTask } from "../../sim/run/pool.js";
import { runSimulation, type SimulationResult } from "../../sim/run/run-simulation.js";
import type { SimulationTask } from "../../sim/run/task.js";
import { type ScenarioEvent, scenarioEvents } from "../../sim/scenario/events.js";
import { resolveScenario } from "../../sim/scenario/resolve.js";
import type { Scenario } from "../../sim/scenario/spec.js";
import type { BandSeries } from "../../stats/band-series.js";
import type { Estimate } from "../../stats/estimate.js";
import { parseGridSpec } from "../../tuning/grid-spec.js";
import {
  gridCells,
  type PriorSetting,
  type SweepCell,
  thompsonOptions,
} from "../../tuning/prior-setting.js";
import {
  type CellResult,
  type SweepSummary,
  summariseSweep,
} from "../../tuning/summarise-sweep.js";
import { runSummary } from "../../tuning/sweep-task.js";

/** Options for {@link runForgettingStudy}. */
export interface ForgettingStudyOptions {
  /** A loaded scenario or its file. */
  scenario: Scenario | string;
  /** Grid specifications, e.g. `["discount=1,0.99", "window=1000"]`; their cells are pooled. */
  grids: readonly string[];
  reps: number;
  rounds: number;
  seed: number;
  /** Most curve points per run (default 100). */
  points?: number;
  /** Worker threads; 0 runs on this thread (default: available parallelism). */
  workers?: number;
}

/** How a setting forgets. */
export type ForgettingKind = "none" | "discount" | "window";

/** One forgetting setting's runs. */
export interface ForgettingSettingResult {
  /** The grid cell id, e.g. `discount=0.99`. */
  id: string;
  kind: ForgettingKind;
  /** γ for a discount, the length for a window, null for none. */
  value: number | null;
  /** Outcomes per query type it effectively remembers: 1/(1 − γ), the window, or null (all). */
  memory: number | null;
  setting: PriorSetting;
  /** The objective: share of queries answered relevantly and on time. */
  sloAttainment: Estimate;
  regret: Estimate;
  successRate: Estimate;
  bestBackendRate: Estimate;
  /** Cumulative regret over virtual time, mean and 95 % band over repetitions. */
  curve: { timeS: number[]; queries: number[]; regret: BandSeries };
}

/** The forgetting study: every setting's regret, the paired summary and the scenario's events. */
export interface ForgettingStudy {
  scenario: string;
  reps: number;
  rounds: number;
  seed: number;
  settings: ForgettingSettingResult[];
  /**
   * The sweep summary over all settings (best with paired intervals and P(best); the setting
   * without forgetting is the baseline). Settings come from different grids, so the summary
   * has no per-dimension sensitivity.
   */
  summary: SweepSummary;
  events: ScenarioEvent[];
  /** Wall-clock time, ms (not reproducible). */
  wallMs: number;
}

/**
 * The kind, value and effective memory of a setting's forgetting. Shared with the tables and
 * the posterior labels; index.ts leaves it out, so it stays internal.
 */
export function forgettingOf(
  setting: PriorSetting,
): Pick<ForgettingSettingResult, "kind" | "value" | "memory"> {
  if (setting.window !== undefined) {
    return { kind: "window", value: setting.window, memory: setting.window };
  }
  if (setting.discount < 1) {
    return { kind: "discount", value: setting.discount, memory: 1 / (1 - setting.discount) };
  }
  return { kind: "none", value: null, memory: null };
}

/**
 * Runs Thompson sampling with each forgetting setting (discount factors, sliding windows, or
 * none) on a scenario, for `reps` repetitions on one worker pool, and keeps each setting's
 * regret curve with its 95 % band. The settings are then compared with the prior sweep's
 * summary (paired over repetitions: repetition r of every setting sees the same traffic), so
 * the best setting comes with its uncertainty. A run here is the same run `runPriorSweep`
 * makes for that cell, so the totals match a sweep of the same grid.
 *
 * @param options scenario, grids, repetitions, rounds, seed, curve points, workers
 * @returns every setting's results, the summary and the scenario's events
 * @throws {GridSpecError} for a grid that cannot be parsed; {RangeError} for bad counts or
 *   when the grids give fewer than one setting
 * @example await runForgettingStudy({ scenario, grids: ["discount=1,0.99", "window=1000"], reps: 4, rounds: 10_000, seed: 42 })
 */
export async function runForgettingStudy(
  options: ForgettingStudyOptions,
): Promise<ForgettingStudy> {
  const { reps, rounds, seed } = options;
  if (!(Number.isInteger(reps) && reps >= 1)) throw new RangeError(`reps must be ≥ 1, got ${reps}`);
  if (!(Number.isInteger(rounds) && rounds >= 1)) {
    throw new RangeError(`rounds must be ≥ 1, got ${rounds}`);
  }
  const scenario = resolveScenario(options.scenario);
  const queryTypes = Object.keys(scenario.workload.mix);
  const cells: SweepCell[] = [];
  const seen = new Set<string>();
  for (const text of options.grids) {
    for (const cell of gridCells(parseGridSpec(text, { queryTypes }))) {
      // Two grids may name the same setting (e.g. discount=1 and no forgetting): run it once.
      const key = JSON.stringify(thompsonOptions(cell.setting));
      if (seen.has(key)) continue;
      seen.add(key);
      // Cells of different grids share no dimension: compare them as plain settings.
      cells.push({ ...cell, coordinates: {} });
    }
  }
  if (cells.length === 0) throw new RangeError("the forgetting grids give no setting");
  const points = options.points ?? 100;
  const pattern = toPatternSpec("feed-forward");
  const taskOf = (cell: SweepCell, repetition: number): SimulationTask => ({
    scenario,
    strategy: "thompson",
    pattern,
    rounds,
    seed,
    repetition,
    points,
    routerOptions: thompsonOptions(cell.setting),
    profile: false,
  });

  const started = performance.now();
  const results: SimulationResult[][] = cells.map(() => new Array<SimulationResult>(reps));
  const workers = Math.min(options.workers ?? availableParallelism(), cells.length * reps);
  if (!(Number.isInteger(workers) && workers >= 0)) {
    throw new RangeError(`workers must be an integer ≥ 0, got ${options.workers}`);
  }
  if (workers === 0) {
    cells.forEach((cell, i) => {
      for (let r = 0; r < reps; r++) results[i][r] = runSimulation(taskOf(cell, r));
    });
  } else {
    const pool = createSimulationPool(workers);
    try {
      await Promise.all(
        cells.flatMap((cell, i) =>
          Array.from({ length: reps }, async (_, r) => {
            results[i][r] = await runPoolTask(pool, taskOf(cell, r));
          }),
        ),
      );
    } finally {
      await pool.destroy();
    }
  }

  const cellResults: CellResult[] = cells.map((cell, i) => ({
    cell,
    runs: results[i].map((run, r) => runSummary(r, run)),
  }));
  const summary = summariseSweep(cellResults, { seed });
  const settings = cells.map((cell, i): ForgettingSettingResult => {
    const totals = aggregateTotals(results[i].map((r) => r.totals));
    const curves = aggregateCurves(results[i].map((r) => r.curves));
    return {
      id: cell.id,
      ...forgettingOf(cell.setting),
      setting: cell.setting,
      sloAttainment: totals.sloAttainment,
      regret: totals.regret,
      successRate: totals.successRate,
      bestBackendRate: totals.bestBackendRate,
      curve: {
        timeS: curves.timeMs.mean.map((t) => t / 1000),
        queries: curves.queries,
        regret: curves.regret,
      },
    };
  });
  return {
    scenario: scenario.name,
    reps,
    rounds,
    seed,
    settings,
    summary,
    events: scenarioEvents(scenario),
    wallMs: performance.now() - started,
  };
}

/**
 * The forgetting setting with the lowest mean regret among those that forget (a discount
 * below 1 or a window), e.g. to compare its posteriors with a router that never forgets.
 *
 * @param study a forgetting study
 * @returns that setting
 * @throws {RangeError} when no setting of the study forgets
 * @example runPosteriorTrack({ scenario, setting: bestForgettingSetting(study), ... })
 */
export function bestForgettingSetting(study: ForgettingStudy): PriorSetting {
  const forgetting = study.settings.filter((s) => s.kind !== "none");
  if (forgetting.length === 0) throw new RangeError("no setting of the study forgets");
  return forgetting.reduce((a, b) => (b.regret.mean < a.regret.mean ? b : a)).setting;
}
