import { availableParallelism } from "node:os";
import { toPatternSpec } from "../patterns/spec.js";
import { createSimulationPool, runPoolTask } from "../sim/run/pool.js";
import { resolveScenario } from "../sim/scenario/resolve.js";
import type { Scenario } from "../sim/scenario/spec.js";
import { formatGridSpec, type GridSpec, parseGridSpec } from "./grid-spec.js";
import { BASELINE_SETTING, gridCells, type SweepCell, thompsonOptions } from "./prior-setting.js";
import { type CellResult, type SweepSummary, summariseSweep } from "./summarise-sweep.js";
import { SweepStore, sha256 } from "./sweep-store.js";
import {
  type RunSummary,
  runSummary,
  runSweepTask,
  type SweepTask,
  simulationTask,
} from "./sweep-task.js";

/** Progress of a sweep, reported after each finished run. */
export interface SweepProgress {
  doneRuns: number;
  totalRuns: number;
  doneCells: number;
  totalCells: number;
  /** Cells taken from checkpoints instead of being run. */
  resumedCells: number;
}

/** Options for {@link runPriorSweep}. */
export interface PriorSweepOptions {
  /** A loaded scenario or its file. */
  scenario: Scenario | string;
  /** The grid, parsed or as text (see `parseGridSpec`). */
  grid: GridSpec | string;
  /** Repetitions per cell (≥ 2 for intervals). */
  reps: number;
  /** Queries per run. */
  rounds: number;
  /** Root seed (default 42): with the cell it fixes every result. */
  seed?: number;
  /** Execution pattern (default `feed-forward`). */
  pattern?: string;
  /** Worker threads; 0 runs on this thread (default: available parallelism). */
  workers?: number;
  /** Checkpoint folder: finished cells are saved there and skipped on a rerun. */
  dir?: string;
  /** Add the Beta(1, 1), no-forgetting reference when the grid lacks it (default true). */
  baseline?: boolean;
  /** Bootstrap resamples for the probability of being best (default 2000). */
  bootstrap?: number;
  onProgress?: (progress: SweepProgress) => void;
}

/** A finished sweep. Everything in it is a pure function of the options but `workers`/`dir`. */
export interface PriorSweepReport {
  format: "routing-lab/prior-sweep-report";
  version: 1;
  scenario: string;
  backends: string[];
  queryTypes: string[];
  grid: string;
  reps: number;
  rounds: number;
  seed: number;
  pattern: string;
  summary: SweepSummary;
  /** The best cell's `thompson` options: `createRouter("thompson", { ...options, rng })`. */
  recommended: { id: string; options: ReturnType<typeof thompsonOptions> };
}

/** How the sweep ran (not part of the report, which must not depend on it). */
export interface SweepRunInfo {
  resumedCells: number;
  ranRuns: number;
  wallMs: number;
}

/**
 * Sweeps Thompson-sampling priors and forgetting over a grid: every cell runs `reps`
 * repetitions of the scenario, in parallel on worker threads, and the summary reports regret
 * and success with 95 % intervals, the best cell with its uncertainty and a sensitivity
 * analysis. With `dir`, each finished cell is checkpointed, so an interrupted sweep resumes
 * without redoing finished cells and gives the same report: a run depends only on
 * (seed, repetition, cell), never on the order, the worker count or the resume.
 *
 * @param options scenario, grid, repetitions, rounds, seed, workers, checkpoint folder
 * @returns the report and how the run went
 * @throws {GridSpecError} for an unparseable grid; {RangeError} for a bad pattern;
 * {UsageError} when `dir` holds another sweep
 * @example
 * const { report } = await runPriorSweep({ scenario, grid: "strength=1,2,10;discount=1,0.99",
 *   reps: 8, rounds: 20_000, workers: 2 });
 * report.summary.best // { id, regret: { mean, ci95 }, pBest, indistinguishable }
 */
export async function runPriorSweep(
  options: PriorSweepOptions,
): Promise<{ report: PriorSweepReport; info: SweepRunInfo }> {
  const started = performance.now();
  const { reps, rounds } = options;
  if (!(Number.isInteger(reps) && reps >= 1)) throw new RangeError(`reps must be ≥ 1, got ${reps}`);
  if (!(Number.isInteger(rounds) && rounds >= 1)) {
    throw new RangeError(`rounds must be ≥ 1, got ${rounds}`);
  }
  const scenario = resolveScenario(options.scenario);
  const seed = options.seed ?? 42;
  const pattern = options.pattern ?? "feed-forward";
  // Check the pattern before the store writes a manifest naming it (which would block a rerun).
  toPatternSpec(pattern);
  const queryTypes = Object.keys(scenario.workload.mix);
  const grid =
    typeof options.grid === "string" ? parseGridSpec(options.grid, { queryTypes }) : options.grid;
  const cells = gridCells(grid);
  const baselineKey = JSON.stringify(thompsonOptions(BASELINE_SETTING));
  if (
    options.baseline !== false &&
    !cells.some((c) => JSON.stringify(thompsonOptions(c.setting)) === baselineKey)
  ) {
    cells.push({ id: "baseline", coordinates: {}, setting: { ...BASELINE_SETTING, byType: {} } });
  }

  const store =
    options.dir === undefined
      ? undefined
      : new SweepStore(options.dir, {
          format: "routing-lab/prior-sweep",
          version: 1,
          scenario: scenario.name,
          scenarioHash: sha256(JSON.stringify(scenario)),
          grid: formatGridSpec(grid),
          reps,
          rounds,
          seed,
          pattern,
        });

  const runs = new Map<SweepCell, RunSummary[]>();
  const todo: SweepCell[] = [];
  for (const cell of cells) {
    const saved = store?.readCell(cell);
    if (saved) runs.set(cell, saved);
    else todo.push(cell);
  }
  const progress: SweepProgress = {
    doneRuns: (cells.length - todo.length) * reps,
    totalRuns: cells.length * reps,
    doneCells: cells.length - todo.length,
    totalCells: cells.length,
    resumedCells: cells.length - todo.length,
  };
  options.onProgress?.({ ...progress });

  const finishRun = (cell: SweepCell, partial: RunSummary[], run: RunSummary): void => {
    partial[run.repetition] = run;
    progress.doneRuns++;
    if (partial.filter((r) => r !== undefined).length === reps) {
      store?.writeCell(cell, partial);
      runs.set(cell, partial);
      progress.doneCells++;
    }
    options.onProgress?.({ ...progress });
  };
  const taskOf = (cell: SweepCell, repetition: number): SweepTask => ({
    scenario,
    setting: cell.setting,
    rounds,
    seed,
    repetition,
    pattern,
  });

  const workers = options.workers ?? availableParallelism();
  if (!(Number.isInteger(workers) && workers >= 0)) {
    throw new RangeError(`workers must be an integer ≥ 0, got ${workers}`);
  }
  if (workers === 0 || todo.length === 0) {
    for (const cell of todo) {
      const partial = new Array<RunSummary>(reps);
      for (let r = 0; r < reps; r++) finishRun(cell, partial, runSweepTask(taskOf(cell, r)));
    }
  } else {
    // The simulator's own worker pool and task: the same code path as `routing-lab simulate`.
    const pool = createSimulationPool(Math.min(workers, todo.length * reps));
    try {
      await Promise.all(
        todo.map(async (cell) => {
          const partial = new Array<RunSummary>(reps);
          await Promise.all(
            Array.from({ length: reps }, async (_, r) => {
              const result = await runPoolTask(pool, simulationTask(taskOf(cell, r)));
              finishRun(cell, partial, runSummary(r, result));
            }),
          );
        }),
      );
    } finally {
      await pool.destroy();
    }
  }

  const results: CellResult[] = cells.map((cell) => ({ cell, runs: runs.get(cell)! }));
  const summary = summariseSweep(results, { seed, bootstrap: options.bootstrap });
  const best = cells.find((c) => c.id === summary.best.id)!;
  const report: PriorSweepReport = {
    format: "routing-lab/prior-sweep-report",
    version: 1,
    scenario: scenario.name,
    backends: Object.keys(scenario.backends),
    queryTypes,
    grid: formatGridSpec(grid),
    reps,
    rounds,
    seed,
    pattern,
    summary,
    recommended: { id: best.id, options: thompsonOptions(best.setting) },
  };
  return {
    report,
    info: {
      resumedCells: progress.resumedCells,
      ranRuns: progress.totalRuns - progress.resumedCells * reps,
      wallMs: performance.now() - started,
    },
  };
}
