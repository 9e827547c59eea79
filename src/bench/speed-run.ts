import { parsePatternSpec } from "../patterns/spec.js";
import { CompiledScenario } from "../sim/model/compiled-scenario.js";
import { runSimulation } from "../sim/run/run-simulation.js";
import type { SimulationTask } from "../sim/run/task.js";
import { loadScenario } from "../sim/scenario/load.js";
import { ConstantRouter } from "./constant-router.js";

/**
 * One timed run of the simulation-speed bench: a simulation task, with the scenario as a file
 * (compiled once per thread) and the pattern in the `--pattern` form, so it crosses to a worker
 * as plain data; `strategy` may also be `engine-only` (see {@link ConstantRouter}).
 */
export interface SpeedRunTask
  extends Pick<SimulationTask, "strategy" | "rounds" | "seed" | "repetition"> {
  scenario: string;
  pattern: string;
}

/** What one run cost. */
export interface SpeedRunTiming {
  /** CPU ms the process used during the run (user + system). */
  cpuMs: number;
  wallMs: number;
}

// Compiled once per thread and scenario: compiling is not what the bench measures.
const compiled = new Map<string, CompiledScenario>();

/**
 * Runs one complete simulation of a bench row and times it (CPU and wall clock).
 *
 * @param task the row and the run
 * @returns its CPU and wall time
 * @example timeSpeedRun({ scenario: "data/scenarios/default.json", strategy: "thompson", pattern: "feed-forward", rounds: 100_000, seed: 42, repetition: 0 })
 */
export function timeSpeedRun(task: SpeedRunTask): SpeedRunTiming {
  let scenario = compiled.get(task.scenario);
  if (scenario === undefined) {
    scenario = new CompiledScenario(loadScenario(task.scenario));
    compiled.set(task.scenario, scenario);
  }
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  runSimulation({
    scenario,
    strategy: task.strategy === "engine-only" ? () => new ConstantRouter() : task.strategy,
    pattern: parsePatternSpec(task.pattern),
    rounds: task.rounds,
    seed: task.seed,
    repetition: task.repetition,
  });
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { cpuMs: (c.user + c.system) / 1000, wallMs };
}
