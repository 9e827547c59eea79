/** Notebook 06, tuning bandit priors: how large each of its studies runs. */
import { join } from "node:path";
import { projectRoot } from "../../lab/settings.js";

/** What notebook 06 runs, sized for quick (tests) or full (report) mode. */
export interface TuningPriorsPlan {
  /** Prior strength × mean on a stationary scenario. */
  heatmap: {
    /** The scenario file. */ scenario: string;
    grid: string;
    reps: number;
    rounds: number;
  };
  /** Forgetting settings on a drifting scenario; each grid is swept on its own. */
  forgetting: {
    /** The scenario file. */
    scenario: string;
    grids: string[];
    reps: number;
    rounds: number;
    points: number;
  };
  /** Posterior snapshots of one query type's arms during one run of the drifting scenario. */
  posterior: { queryType: string; checkpoints: number[] };
  /** A small sweep run locally and through the job queue (or on this thread without one). */
  queue: { scenario: string; grid: string; reps: number; rounds: number };
}

/**
 * The notebook's workload. Full mode fits the report's budget (≤ 60 s on 2 cores); quick mode
 * keeps every section but shrinks grids, repetitions and rounds to run in seconds. The drift
 * scenario changes at 20 s and 30 s of virtual time (200 queries/s), so its runs need at
 * least ~8,000 queries to show the change and the recovery after it.
 *
 * @param settings `quick` from `labSettings()`
 * @returns scenario paths, grids, repetitions, rounds and checkpoints
 * @example const plan = tuningPriorsPlan(labSettings());
 */
export function tuningPriorsPlan(settings: { quick: boolean }): TuningPriorsPlan {
  const scenario = (name: string) => join(projectRoot, "data", "scenarios", `${name}.json`);
  return settings.quick
    ? {
        heatmap: {
          scenario: scenario("default"),
          grid: "strength=1,2,10,50;mean=0.2,0.5,0.8",
          reps: 3,
          rounds: 3000,
        },
        forgetting: {
          scenario: scenario("drift"),
          grids: ["discount=1,0.999,0.99", "window=1000"],
          reps: 3,
          rounds: 10_000,
          points: 50,
        },
        posterior: { queryType: "similarity", checkpoints: [2000, 6000, 10_000] },
        queue: {
          scenario: scenario("default"),
          grid: "strength=1,10;mean=0.3,0.7",
          reps: 2,
          rounds: 2000,
        },
      }
    : {
        heatmap: {
          scenario: scenario("default"),
          grid: "strength=0.5,1,2,5,10,20,50;mean=0.1,0.3,0.5,0.7,0.9",
          reps: 8,
          rounds: 10_000,
        },
        forgetting: {
          scenario: scenario("drift"),
          grids: ["discount=1,0.999,0.995,0.99", "window=300,1000,3000"],
          reps: 6,
          rounds: 20_000,
          points: 100,
        },
        posterior: { queryType: "similarity", checkpoints: [2000, 5000, 8000, 20_000] },
        queue: {
          scenario: scenario("default"),
          grid: "strength=1,2,10;mean=0.3,0.5,0.7",
          reps: 4,
          rounds: 10_000,
        },
      };
}
