import { isMainThread } from "node:worker_threads";
import { runSimulation, type SimulationResult } from "./run-simulation.js";
import type { SimulationTask } from "./task.js";
import { toCrossingError } from "./worker-error.js";

/**
 * The worker-thread entry of the experiment pool: runs one repetition of one strategy.
 * Compiled to dist/sim/run/worker.js; tests and tsx load this source with tsx's loader.
 *
 * @param task the repetition to run
 * @returns its result
 * @throws what runSimulation throws; on a worker thread, a user error (ScenarioError, …) as
 *   an Error carrying it in `cause`, which `fromCrossingError` turns back into its class
 */
export default function runTask(task: SimulationTask): SimulationResult {
  let reported = 0;
  const port = task.progress;
  try {
    return runSimulation({
      scenario: task.scenario,
      strategy: task.strategy,
      pattern: task.pattern,
      rounds: task.rounds,
      seed: task.seed,
      repetition: task.repetition,
      points: task.points,
      routerOptions: task.routerOptions,
      profile: task.profile,
      onProgress: port
        ? (arrived) => {
            port.postMessage(arrived - reported);
            reported = arrived;
          }
        : undefined,
    });
  } catch (err) {
    // In-process callers (a sweep run with workers: 0) get the error itself.
    throw isMainThread ? err : toCrossingError(err);
  } finally {
    port?.close();
  }
}
