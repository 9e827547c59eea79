import { createHash } from "node:crypto";
import { stringifyExactJson } from "../../io/exact-json.js";
import type { CodeVersions } from "../../lab/code-version.js";
import type { SimulationTask } from "./task.js";

/** A simulation task as data: no progress port (it cannot be hashed, stored or queued). */
export type RunTask = Omit<SimulationTask, "progress">;

/**
 * The identity of one run: a SHA-256 (first 128 bits, hex) of everything that determines its
 * result — the scenario's content (its query texts inlined by `loadScenario`), the strategy
 * and its options, the pattern, rounds, points, seed, repetition, profiling — and of the code
 * and Node versions that compute it. Equal keys mean byte-identical results, so a key names a
 * checkpoint file and a queue job, and a changed input or code never reuses a stale result.
 * Hex only: BullMQ rejects `:` and integers as custom job ids.
 *
 * @param task the run
 * @param versions the code that runs it (see `codeVersions`)
 * @returns 32 hex digits
 * @example runKey(task, codeVersions()) // "5f0c…" (32 characters)
 */
export function runKey(task: RunTask, versions: CodeVersions): string {
  const { progress: _port, ...data } = task as SimulationTask;
  const text = stringifyExactJson({ task: data, code: versions.code, node: versions.node });
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}
