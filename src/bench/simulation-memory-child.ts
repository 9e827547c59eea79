/**
 * Child process of the memory benchmark: runs one simulation and prints its peak RSS as JSON
 * on stdout. A fresh process per measurement, so one run's heap never inflates another's.
 * Run as `node simulation-memory-child.js '{"rounds":100000,"seed":42,"strategy":"thompson"}'`.
 */
import { isEntryModule } from "../lab/module-entry.js";
import { runSimulation } from "../sim/run/run-simulation.js";
import { loadScenario } from "../sim/scenario/load.js";
import { defaultScenarioPath } from "./simulation-scenario.js";

/** What the parent sends. */
export interface MemoryChildInput {
  rounds: number;
  seed: number;
  strategy: string;
  scenario?: string;
}

/** What the child prints. */
export interface MemoryChildOutput {
  rounds: number;
  /** Peak resident set size of the whole process, bytes. */
  peakRssBytes: number;
  /** V8 heap in use after the run, bytes. */
  heapUsedBytes: number;
  wallMs: number;
}

/**
 * Runs the simulation and reports the process's peak memory.
 *
 * @param input rounds, seed, strategy and scenario
 * @returns the measurement
 */
export function measureChild(input: MemoryChildInput): MemoryChildOutput {
  const scenario = loadScenario(input.scenario ?? defaultScenarioPath());
  const t0 = performance.now();
  runSimulation({ scenario, strategy: input.strategy, rounds: input.rounds, seed: input.seed });
  return {
    rounds: input.rounds,
    // resourceUsage reports maxRSS in kilobytes.
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    heapUsedBytes: process.memoryUsage().heapUsed,
    wallMs: performance.now() - t0,
  };
}

if (isEntryModule(import.meta.url)) {
  const input = JSON.parse(process.argv[2] ?? "{}") as MemoryChildInput;
  process.stdout.write(`${JSON.stringify(measureChild(input))}\n`);
}
