/** Notebook 06: the prior strength × mean sweep behind its heatmap. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Scenario } from "../../sim/scenario/spec.js";
import { parseGridSpec } from "../../tuning/grid-spec.js";
import { type PriorSweepReport, runPriorSweep } from "../../tuning/run-sweep.js";

/** Options for {@link runPriorHeatmap}. */
export interface PriorHeatmapOptions {
  /** A loaded scenario or its file. */
  scenario: Scenario | string;
  /** A grid with global `strength` and `mean` dimensions (and nothing else). */
  grid: string;
  reps: number;
  rounds: number;
  seed: number;
  /** Worker threads (default: available parallelism). */
  workers?: number;
  /**
   * Checkpoint folder. When given, it is kept, so a rerun resumes from it; by default a fresh
   * folder under the OS temp directory is used and removed afterwards, so a report never
   * reuses checkpoints made by an older version of the simulator.
   */
  dir?: string;
}

/** A finished prior sweep with how long it took. */
export interface PriorHeatmapStudy {
  report: PriorSweepReport;
  /** Wall-clock time of the sweep, ms (not reproducible). */
  wallMs: number;
}

/**
 * Sweeps the Thompson prior's strength (α + β) and mean (α / (α + β)) over a grid with
 * `runPriorSweep`: repetitions on worker threads, cell checkpoints, paired intervals, the best
 * cell and the sensitivity of regret to each dimension.
 *
 * @param options scenario, grid, repetitions, rounds, seed, workers, checkpoint folder
 * @returns the sweep report and its wall time
 * @throws {RangeError} when the grid is not exactly `strength` × `mean`; {GridSpecError} when
 *   it cannot be parsed
 * @example const { report } = await runPriorHeatmap({ scenario, grid: "strength=1,10;mean=0.3,0.7", reps: 4, rounds: 5000, seed: 42 });
 */
export async function runPriorHeatmap(options: PriorHeatmapOptions): Promise<PriorHeatmapStudy> {
  const grid = parseGridSpec(options.grid);
  const keys = grid.dimensions.map((d) => d.key).sort();
  if (keys.join(",") !== "mean,strength") {
    throw new RangeError(
      `a prior heatmap sweeps exactly "strength" and "mean", got ${keys.join(", ")}`,
    );
  }
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "routing-lab-06-"));
  const started = performance.now();
  try {
    const { report } = await runPriorSweep({
      scenario: options.scenario,
      grid,
      reps: options.reps,
      rounds: options.rounds,
      seed: options.seed,
      workers: options.workers,
      dir,
    });
    return { report, wallMs: performance.now() - started };
  } finally {
    if (options.dir === undefined) rmSync(dir, { recursive: true, force: true });
  }
}
