import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Piscina } from "piscina";

/**
 * Where the worker module is and how to load it.
 *
 * Why two cases: from dist/ (the CLI, notebooks importing ../dist/index.js) this file is
 * dist/sim/run/pool.js and the worker is the compiled worker.js beside it, loadable by plain
 * Node. From TypeScript sources (vitest, tsx scripts) this file is pool.ts, and a worker
 * thread would start without any TypeScript loader: vitest's transform lives in its own
 * module graph and does not reach worker threads. So the worker gets tsx's ESM loader through
 * `--import` (resolved from this package, a dev dependency), which also maps the `.js`
 * import specifiers to their `.ts` files. Resolving both from `import.meta.url` keeps it
 * independent of the current directory.
 *
 * @returns the worker's file URL and the Node flags its threads need
 */
export function workerEntry(): { filename: string; execArgv: string[] } {
  const here = import.meta.url;
  if (!here.endsWith(".ts")) {
    return { filename: new URL("./worker.js", here).href, execArgv: [] };
  }
  const tsx = createRequire(here).resolve("tsx");
  return {
    filename: new URL("./worker.ts", here).href,
    execArgv: ["--import", pathToFileURL(tsx).href],
  };
}

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
  const { filename, execArgv } = workerEntry();
  return new Piscina({
    filename,
    execArgv,
    minThreads: threads,
    maxThreads: threads,
    // One task per thread at a time: tasks are CPU-bound, queueing more per thread gains nothing.
    concurrentTasksPerWorker: 1,
    idleTimeout: 1000,
  });
}
