import { Piscina } from "piscina";
import { moduleEntry } from "../../lab/module-entry.js";

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
