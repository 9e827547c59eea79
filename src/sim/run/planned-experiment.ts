import { availableParallelism } from "node:os";
import { codeVersions } from "../../lab/code-version.js";
import { formatPatternSpec, type PatternSpec } from "../../patterns/spec.js";
import type { RouterOptions } from "../../routing/registry.js";
import type { Scenario } from "../scenario/spec.js";
import { localExecutor, type PlannedRun, type RunExecutor } from "./executor.js";
import { experimentResult } from "./experiment-result.js";
import type { ExperimentResult } from "./run-experiment.js";
import { runKey } from "./run-key.js";
import type { SimulationResult } from "./run-simulation.js";
import type { RunProvenance, RunStore } from "./run-store.js";

/** Options of {@link runPlannedExperiment}. */
export interface PlannedExperimentOptions {
  scenario: Scenario;
  /** Strategy names (registry names or `oracle`). */
  strategies: readonly string[];
  /** Options per strategy name (e.g. tuned priors for `thompson`); others get none. */
  strategyOptions?: Readonly<Record<string, RouterOptions>>;
  pattern: PatternSpec;
  rounds: number;
  reps: number;
  seed: number;
  points: number;
  profile: boolean;
  /** Local threads when no executor is given (default: available parallelism). */
  workers?: number;
  /** Where runs execute (default: local worker threads). */
  executor?: RunExecutor;
  /** Run-level checkpoints: saved runs are skipped, each new one saved as it finishes. */
  store?: RunStore;
  /** Called with finished and total runs (first with the resumed ones). */
  onRuns?: (done: number, total: number) => void;
  /** Queries simulated so far and in all (local executors only). */
  onQueries?: (done: number, total: number) => void;
}

/** What {@link runPlannedExperiment} returns. */
export interface PlannedExperiment {
  result: ExperimentResult;
  /** Who computed each run, strategy-major (as `result`). */
  provenance: RunProvenance[];
  /** Runs taken from the checkpoint folder. */
  resumedRuns: number;
}

/**
 * Runs an experiment run by run: every (strategy, repetition) is a planned run with a key,
 * checkpointed ones are read back, the rest go to the executor and are saved as each finishes;
 * the aggregate is the one `runExperiment` computes, byte for byte, whatever the executor or
 * the resumes (exact JSON keeps NaN and −0 through the checkpoint files).
 *
 * @param options the experiment, executor and checkpoint store
 * @returns the result, who computed each run and how many were resumed
 * @throws the executor's first error (user errors keep their class)
 */
export async function runPlannedExperiment(
  options: PlannedExperimentOptions,
): Promise<PlannedExperiment> {
  const started = performance.now();
  const { reps, strategies } = options;
  const versions = codeVersions();
  const total = strategies.length * reps;
  const results = new Array<SimulationResult | undefined>(total);
  const provenance = new Array<RunProvenance | undefined>(total);
  const slotOf = new Map<string, number>();
  const todo: PlannedRun[] = [];
  strategies.forEach((strategy, s) => {
    for (let r = 0; r < reps; r++) {
      const routerOptions = options.strategyOptions?.[strategy];
      const task = {
        scenario: options.scenario,
        strategy,
        pattern: options.pattern,
        rounds: options.rounds,
        seed: options.seed,
        repetition: r,
        points: options.points,
        ...(routerOptions !== undefined ? { routerOptions } : {}),
        profile: options.profile,
      };
      const key = runKey(task, versions);
      const saved = options.store?.read<SimulationResult>(key);
      if (saved) {
        results[s * reps + r] = saved.value;
        provenance[s * reps + r] = saved.provenance;
      } else {
        slotOf.set(key, s * reps + r);
        todo.push({ key, task });
      }
    }
  });
  const resumedRuns = total - todo.length;
  let done = resumedRuns;
  options.onRuns?.(done, total);
  const queriesTotal = todo.length * options.rounds;
  let queries = 0;
  const workers = Math.min(options.workers ?? availableParallelism(), total);
  const executor = options.executor ?? localExecutor({ threads: Math.min(workers, todo.length) });
  await executor.execute(todo, {
    onFinished({ run, result, provenance: who }) {
      const slot = slotOf.get(run.key);
      if (slot === undefined || results[slot] !== undefined) return;
      options.store?.write(run.key, result, who);
      results[slot] = result;
      provenance[slot] = who;
      options.onRuns?.(++done, total);
    },
    onQueries(n) {
      queries += n;
      options.onQueries?.(queries, queriesTotal);
    },
  });
  const result = experimentResult(
    {
      scenario: options.scenario.name,
      backends: Object.keys(options.scenario.backends),
      strategies,
      pattern: formatPatternSpec(options.pattern),
      rounds: options.rounds,
      reps,
      seed: options.seed,
      points: options.points,
      workers,
      profile: options.profile,
      wallMs: performance.now() - started,
    },
    results as SimulationResult[],
  );
  return { result, provenance: provenance as RunProvenance[], resumedRuns };
}
