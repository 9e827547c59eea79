import { toJsonSafe } from "../../format/json-safe.js";
import type { ExperimentResult } from "./run-experiment.js";

/** Format tag of the simulation JSON document. */
export const SIMULATION_FORMAT = "routing-lab/simulation";

/**
 * The JSON document `routing-lab simulate` writes (documented field by field in
 * data/scenarios/README.md, "Simulation output"). Non-finite numbers are written as `null`.
 */
export interface SimulationDocument {
  format: typeof SIMULATION_FORMAT;
  version: 1;
  /** The scenario file (or label) and its name. */
  scenario: { source: string; name: string };
  /** Everything needed to rerun it. */
  options: {
    strategies: string[];
    pattern: string;
    rounds: number;
    reps: number;
    seed: number;
    points: number;
    workers: number;
    profile: boolean;
  };
  /** Wall-clock time of the run, ms (the only field that differs between identical reruns, with the profile's wall timings). */
  wallMs: number;
  strategies: ExperimentResult["strategies"];
}

/**
 * Wraps an experiment's result as the documented JSON document.
 *
 * @param result what {@link runExperiment} returned
 * @param source the scenario file
 * @param profile whether profiling was on
 * @returns a JSON-safe plain object
 * @example writeJsonAtomic("out.json", simulationDocument(result, "data/scenarios/default.json", false))
 */
export function simulationDocument(
  result: ExperimentResult,
  source: string,
  profile: boolean,
): SimulationDocument {
  const doc: SimulationDocument = {
    format: SIMULATION_FORMAT,
    version: 1,
    scenario: { source, name: result.scenario },
    options: {
      strategies: result.strategies.map((s) => s.strategy),
      pattern: result.pattern,
      rounds: result.rounds,
      reps: result.reps,
      seed: result.seed,
      points: result.points,
      workers: result.workers,
      profile,
    },
    wallMs: result.wallMs,
    strategies: result.strategies,
  };
  return toJsonSafe(doc) as SimulationDocument;
}
