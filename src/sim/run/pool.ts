import type { Transferable } from "node:worker_threads";
import { Piscina } from "piscina";
import { moduleEntry } from "../../lab/module-entry.js";
import type { SimulationResult } from "./run-simulation.js";
import type { SimulationTask } from "./task.js";
import { fromCrossingError } from "./worker-error.js";

/**
 * A pool of `threads` worker threads running simulation tasks.
 *
 * @param threads the number of threads (≥ 1)
 * @returns the pool; call `destroy()` when done
 * @example
 * const pool = createSimulationPool(2);
 * const result: SimulationResult = await pool.run(task); // task: a SimulationTask
 * await pool.destroy();
 */
export function createSimulationPool(threads: number): Piscina {
  const { href, execArgv } = moduleEntry(import.meta.url, "./worker");
  return new Piscina({
    filename: href,
    execArgv,
    minThreads: threads,
    maxThreads: threads,
    // One task per thread at a time: tasks are CPU-bound, queueing more per thread gains nothing.
    concurrentTasksPerWorker: 1,
    idleTimeout: 1000,
  });
}

/**
 * Runs one task on the pool. Why not `pool.run` directly: a user error thrown on the worker
 * (a bad scenario) crosses the thread boundary as a plain Error, and this re-creates its
 * class, naming the scenario's file, so callers report it as bad input (exit 2), not a bug.
 *
 * @param pool a pool from {@link createSimulationPool}
 * @param task the repetition to run
 * @param transferList ports the task carries (its progress port)
 * @returns the repetition's result
 */
export async function runPoolTask(
  pool: Piscina,
  task: SimulationTask,
  transferList?: Transferable[],
): Promise<SimulationResult> {
  try {
    return (await pool.run(task, transferList ? { transferList } : undefined)) as SimulationResult;
  } catch (err) {
    throw fromCrossingError(err, task.scenario);
  }
}
