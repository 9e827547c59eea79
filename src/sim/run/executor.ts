import { availableParallelism } from "node:os";
import { MessageChannel } from "node:worker_threads";
import type { Piscina } from "piscina";
import { codeVersions } from "../../lab/code-version.js";
import { CompiledScenario } from "../model/compiled-scenario.js";
import type { Scenario } from "../scenario/spec.js";
import { createSimulationPool, runPoolTask } from "./pool.js";
import type { RunTask } from "./run-key.js";
import { runSimulation, type SimulationResult } from "./run-simulation.js";
import type { RunProvenance } from "./run-store.js";

/** One run to execute, with its key (see `runKey`). */
export interface PlannedRun {
  key: string;
  task: RunTask;
}

/** A run that finished. */
export interface FinishedRun {
  run: PlannedRun;
  result: SimulationResult;
  provenance: RunProvenance;
}

/** What an executor reports while it works. */
export interface ExecuteHooks {
  /** Called as each run finishes, in any order; save it here (it must not throw to skip). */
  onFinished(finished: FinishedRun): void;
  /** Queries simulated since the last call (local executors only). */
  onQueries?(count: number): void;
}

/**
 * Where runs execute: on this machine's worker threads ({@link localExecutor}) or on queue
 * workers (`queueExecutor` in src/queue). Callers plan runs, skip the checkpointed ones and
 * hand the rest over; a run's result depends only on its task, never on the executor.
 */
export interface RunExecutor {
  /** Threads (local) or `queue` (for messages). */
  readonly label: string;
  /**
   * Executes the runs; resolves when all have finished.
   * @throws the first run's error (user errors keep their class: exit 2)
   */
  execute(runs: readonly PlannedRun[], hooks: ExecuteHooks): Promise<void>;
}

/**
 * Runs on this machine: on `threads` worker threads (piscina), or on this thread with 0.
 *
 * @param options `threads` (default: available parallelism; capped at the number of runs),
 *   or a `pool` to reuse (the caller destroys it)
 * @returns the executor
 * @example await localExecutor({ threads: 2 }).execute(runs, { onFinished: (f) => save(f) })
 */
export function localExecutor(options: { threads?: number; pool?: Piscina } = {}): RunExecutor {
  const threads = options.pool
    ? options.pool.options.maxThreads
    : (options.threads ?? availableParallelism());
  if (!(Number.isInteger(threads) && threads >= 0)) {
    throw new RangeError(`threads must be an integer ≥ 0, got ${threads}`);
  }
  const { code, node } = codeVersions();
  const provenance: RunProvenance = { worker: "local", code, node, attempts: 1, stalled: 0 };
  return {
    label: threads === 0 ? "this thread" : `${threads} worker thread(s)`,
    async execute(runs, hooks) {
      if (runs.length === 0) return;
      if (threads === 0) {
        // One compiled scenario per scenario object, as runExperiment does in process.
        const compiled = new Map<Scenario, CompiledScenario>();
        for (const run of runs) {
          const { scenario, ...rest } = run.task;
          let c = compiled.get(scenario);
          if (!c) {
            c = new CompiledScenario(scenario);
            compiled.set(scenario, c);
          }
          let last = 0;
          const result = runSimulation({
            ...rest,
            scenario: c,
            onProgress: (arrived) => {
              hooks.onQueries?.(arrived - last);
              last = arrived;
            },
          });
          hooks.onFinished({ run, result, provenance });
        }
        return;
      }
      const pool = options.pool ?? createSimulationPool(Math.min(threads, runs.length));
      try {
        await Promise.all(
          runs.map(async (run) => {
            const channel = new MessageChannel();
            channel.port1.on("message", (n: number) => hooks.onQueries?.(n));
            try {
              const result = await runPoolTask(pool, { ...run.task, progress: channel.port2 }, [
                channel.port2,
              ]);
              hooks.onFinished({ run, result, provenance });
            } finally {
              channel.port1.close();
            }
          }),
        );
      } finally {
        if (!options.pool) await pool.destroy();
      }
    },
  };
}
