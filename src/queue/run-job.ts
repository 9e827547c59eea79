import type { CodeVersions } from "../lab/code-version.js";
import type { RunTask } from "../sim/run/run-key.js";
import type { SimulationResult } from "../sim/run/run-simulation.js";

/** The BullMQ queue every coordinator adds to and every `routing-lab worker` takes from. */
export const QUEUE_NAME = "routing-lab-runs";

/**
 * One job: one run (strategy or setting × repetition), self-contained — the scenario's
 * content with its query texts inlined, so a worker on another machine needs no shared disk —
 * and the versions that made it, which a worker must match.
 */
export interface RunJobData extends CodeVersions {
  format: "routing-lab/run-job";
  version: 1;
  task: RunTask;
}

/** What a worker returns (as exact JSON text: NaN and −0 survive Redis). */
export interface RunJobResult extends CodeVersions {
  /** The worker's name, `host/pid`. */
  worker: string;
  result: SimulationResult;
}

/**
 * The job id of a run: its key with a prefix (BullMQ rejects integer ids and `:`; a key is hex,
 * which could be all digits).
 *
 * @param key the run's key (see `runKey`)
 * @returns `run-<key>`
 */
export function jobIdOf(key: string): string {
  return `run-${key}`;
}

/** Marks a user error carried in an UnrecoverableError's message (see `toCrossingError`). */
export const USAGE_ERROR_PREFIX = "routing-lab/usage-error ";
