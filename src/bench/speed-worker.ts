import { type SpeedRunTask, type SpeedRunTiming, timeSpeedRun } from "./speed-run.js";

/**
 * The worker-thread entry of the simulation-speed bench: one thread per row, so each row's
 * JIT state is its own (see `measureSimulationSpeed`). Compiled to dist/bench/speed-worker.js;
 * tests and tsx load this source with tsx's loader.
 *
 * @param task the row and the run
 * @returns its CPU and wall time
 */
export default function runSpeedTask(task: SpeedRunTask): SpeedRunTiming {
  return timeSpeedRun(task);
}
