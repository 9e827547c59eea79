import { availableParallelism } from "node:os";
import { codeVersions } from "../lab/code-version.js";
import { toPatternSpec } from "../patterns/spec.js";
import { localExecutor, type PlannedRun, type RunExecutor } from "../sim/run/executor.js";
import { runKey } from "../sim/run/run-key.js";
import type { RunProvenance } from "../sim/run/run-store.js";
import { resolveScenario } from "../sim/scenario/resolve.js";
import type { Scenario } from "../sim/scenario/spec.js";
import { formatGridSpec, type GridSpec, parseGridSpec } from "./grid-spec.js";
import { BASELINE_SETTING, gridCells, type SweepCell, thompsonOptions } from "./prior-setting.js";
import { type CellResult, type SweepSummary, summariseSweep } from "./summarise-sweep.js";
import type { SweepAdvice, SweepVerdict } from "./sweep-advice.js";
import { SweepStore, sha256 } from "./sweep-store.js";
import { type RunSummary, runSummary, type SweepTask, simulationTask } from "./sweep-task.js";

/** Progress of a sweep, reported after each finished run. */
export interface SweepProgress {
  doneRuns: number;
  totalRuns: number;
  doneCells: number;
  totalCells: number;
  /** Cells taken whole from checkpoints instead of being run. */
  resumedCells: number;
  /** Runs taken from checkpoints instead of being run. */
  resumedRuns: number;
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
  /**
   * Where runs execute instead of local worker threads, e.g. `queueExecutor` (src/queue);
   * `workers` is then ignored. Results do not depend on it.
   */
  executor?: RunExecutor;
  /** Checkpoint folder: each finished run is saved there at once and skipped on a rerun. */
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
  /** 2: the leader is chosen by SLO attainment, and only a confirmed setting is recommended. */
  version: 2;
  scenario: string;
  backends: string[];
  queryTypes: string[];
  grid: string;
  reps: number;
  rounds: number;
  seed: number;
  pattern: string;
  summary: SweepSummary;
  /** `advised` only when a setting beats the baseline (see `summary.advice`). */
  verdict: SweepVerdict;
  /**
   * SLO attainment of the advised setting, or else the leader, against the baseline, as
   * fractions: `{ before, after, diff: { mean, lo, hi, … } }` (Holm-corrected, paired).
   */
  effect: SweepAdvice["effect"];
  /**
   * The advised cell's `thompson` options, `createRouter("thompson", { ...options, rng })`;
   * null unless `verdict` is `advised`.
   */
  recommended: { id: string; options: ReturnType<typeof thompsonOptions> } | null;
  /** The leader's options (highest mean SLO attainment), advised or not. */
  leader: { id: string; options: ReturnType<typeof thompsonOptions> };
}

/** How the sweep ran (not part of the report, which must not depend on it). */
export interface SweepRunInfo {
  resumedCells: number;
  /** Runs taken from checkpoints. */
  resumedRuns: number;
  ranRuns: number;
  wallMs: number;
  /** Who computed each run (resumed runs included), in cell then repetition order. */
  provenance: RunProvenance[];
}

/**
 * Sweeps Thompson-sampling priors and forgetting over a grid: every cell runs `reps`
 * repetitions of the scenario, in parallel on worker threads, and the summary reports SLO
 * attainment, regret and success with 95 % intervals, the leader by SLO attainment with its
 * uncertainty, the verdict against the Beta(1, 1), no-forgetting baseline (a setting is
 * recommended only when a Holm-corrected paired interval shows it better) and a sensitivity
 * analysis. With `dir`, each finished run (setting × repetition) is checkpointed as soon as it
 * finishes, so an interrupted sweep resumes without redoing finished runs and gives the same
 * report: a run depends only on (seed, repetition, cell), never on the order, the worker
 * count, the executor or the resume.
 *
 * @param options scenario, grid, repetitions, rounds, seed, workers, checkpoint folder
 * @returns the report and how the run went
 * @throws {GridSpecError} for an unparseable grid; {RangeError} for a bad pattern;
 * {UsageError} when `dir` holds another sweep
 * @example
 * const { report } = await runPriorSweep({ scenario, grid: "strength=1,2,10;discount=1,0.99",
 *   reps: 8, rounds: 20_000, workers: 2 });
 * report.verdict // "advised" | "not-shown-better" | "no-baseline"
 * report.recommended // the advised setting's options, or null
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

  const workers = options.workers ?? availableParallelism();
  if (!(Number.isInteger(workers) && workers >= 0)) {
    throw new RangeError(`workers must be an integer ≥ 0, got ${workers}`);
  }
  const versions = codeVersions();
  const taskOf = (cell: SweepCell, repetition: number): SweepTask => ({
    scenario,
    setting: cell.setting,
    rounds,
    seed,
    repetition,
    pattern,
  });
  // Every run's slot, cell-major; filled from checkpoints, then by the executor.
  const summaries = new Array<RunSummary | undefined>(cells.length * reps);
  const provenance = new Array<RunProvenance | undefined>(cells.length * reps);
  const slotOf = new Map<string, number>();
  const todo: PlannedRun[] = [];
  let resumedCells = 0;
  cells.forEach((cell, c) => {
    // A whole cell from an older checkpoint folder (one file per cell) still counts.
    const legacy = store?.readCell(cell);
    if (legacy) resumedCells++;
    for (let r = 0; r < reps; r++) {
      const slot = c * reps + r;
      const task = simulationTask(taskOf(cell, r));
      const key = runKey(task, versions);
      const saved = legacy ? undefined : store?.runs.read<RunSummary>(key);
      if (legacy) {
        summaries[slot] = legacy[r];
        provenance[slot] = {
          worker: "local",
          code: "unknown",
          node: "unknown",
          attempts: 1,
          stalled: 0,
        };
      } else if (saved) {
        summaries[slot] = saved.value;
        provenance[slot] = saved.provenance;
      } else {
        slotOf.set(key, slot);
        todo.push({ key, task });
      }
    }
  });
  const resumedRuns = summaries.length - todo.length;
  const cellDone = (c: number) => {
    for (let r = 0; r < reps; r++) if (summaries[c * reps + r] === undefined) return false;
    return true;
  };
  const progress: SweepProgress = {
    doneRuns: resumedRuns,
    totalRuns: summaries.length,
    doneCells: cells.filter((_, c) => cellDone(c)).length,
    totalCells: cells.length,
    resumedCells,
    resumedRuns,
  };
  options.onProgress?.({ ...progress });

  const executor = options.executor ?? localExecutor({ threads: Math.min(workers, todo.length) });
  await executor.execute(todo, {
    onFinished({ run, result, provenance: who }) {
      const slot = slotOf.get(run.key);
      if (slot === undefined || summaries[slot] !== undefined) return;
      const summary = runSummary(run.task.repetition, result);
      // Saved at once: a kill loses only the runs in flight.
      store?.runs.write(run.key, summary, who);
      summaries[slot] = summary;
      provenance[slot] = who;
      progress.doneRuns++;
      if (cellDone(Math.floor(slot / reps))) progress.doneCells++;
      options.onProgress?.({ ...progress });
    },
  });
  const runs = new Map<SweepCell, RunSummary[]>(
    cells.map((cell, c) => [cell, summaries.slice(c * reps, (c + 1) * reps) as RunSummary[]]),
  );

  const results: CellResult[] = cells.map((cell) => ({ cell, runs: runs.get(cell)! }));
  const summary = summariseSweep(results, { seed, bootstrap: options.bootstrap });
  const optionsOf = (id: string) => ({
    id,
    options: thompsonOptions(cells.find((c) => c.id === id)!.setting),
  });
  const report: PriorSweepReport = {
    format: "routing-lab/prior-sweep-report",
    version: 2,
    scenario: scenario.name,
    backends: Object.keys(scenario.backends),
    queryTypes,
    grid: formatGridSpec(grid),
    reps,
    rounds,
    seed,
    pattern,
    summary,
    verdict: summary.advice.verdict,
    effect: summary.advice.effect,
    recommended: summary.advice.verdict === "advised" ? optionsOf(summary.advice.id) : null,
    leader: optionsOf(summary.best.id),
  };
  return {
    report,
    info: {
      resumedCells,
      resumedRuns,
      ranRuns: todo.length,
      wallMs: performance.now() - started,
      provenance: provenance as RunProvenance[],
    },
  };
}
