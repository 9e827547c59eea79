import { toPatternSpec } from "../patterns/spec.js";
import type { SimulationResult } from "../sim/run/run-simulation.js";
import type { SimulationTask } from "../sim/run/task.js";
import runSimulationTask from "../sim/run/worker.js";
import type { Scenario } from "../sim/scenario/spec.js";
import { type PriorSetting, thompsonOptions } from "./prior-setting.js";

/** One simulation of a sweep: a cell's setting for one repetition. */
export interface SweepTask {
  scenario: Scenario;
  setting: PriorSetting;
  rounds: number;
  seed: number;
  repetition: number;
  pattern: string;
}

/** What one run contributes to a cell's statistics. */
export interface RunSummary {
  repetition: number;
  /** Cumulative pseudo-regret at the end of the run (lower is better). */
  regret: number;
  successRate: number;
  sloAttainment: number;
  bestBackendRate: number;
}

/**
 * The simulator's task for one sweep run: Thompson sampling with the setting's priors and
 * forgetting. The simulator's worker pool runs it; {@link runSweepTask} runs the same function
 * on this thread, so both give identical results.
 *
 * @param task the scenario, setting, rounds, seed and repetition
 * @returns the structured-clonable task
 */
export function simulationTask(task: SweepTask): SimulationTask {
  return {
    scenario: task.scenario,
    strategy: "thompson",
    pattern: toPatternSpec(task.pattern),
    rounds: task.rounds,
    seed: task.seed,
    repetition: task.repetition,
    points: 2,
    routerOptions: thompsonOptions(task.setting),
    profile: false,
  };
}

/** The part of a simulation result a sweep keeps. */
export function runSummary(repetition: number, result: SimulationResult): RunSummary {
  const t = result.totals;
  return {
    repetition,
    regret: t.regret,
    successRate: t.successRate,
    sloAttainment: t.sloAttainment,
    bestBackendRate: t.bestBackendRate,
  };
}

/**
 * Runs one repetition of one setting on this thread. Streams derive from (seed, repetition,
 * purpose), so the result depends only on the task, and every cell sees the same arrivals and
 * backend draws in a repetition (common random numbers: cell differences are measured paired,
 * with less noise).
 *
 * @param task the scenario, setting, rounds, seed and repetition
 * @returns the run's regret and rates
 */
export function runSweepTask(task: SweepTask): RunSummary {
  return runSummary(task.repetition, runSimulationTask(simulationTask(task)));
}
