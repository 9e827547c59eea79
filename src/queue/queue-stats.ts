import type { RunProvenance } from "../sim/run/run-store.js";
import type { QueueStats } from "./queue-executor.js";

/** The `queue` object of a queued run's `--out` JSON, with the versions that computed it. */
export interface QueueSummary extends QueueStats {
  /** Each distinct (code, Node) version pair and how many results it computed. */
  versions: { code: string; node: string; runs: number }[];
}

/**
 * Sums who computed a run's results (resumed ones included): jobs, stalled-job recoveries,
 * retried attempts, distinct workers, and the versions of the code that ran.
 *
 * @param provenance one entry per run
 * @returns the figures
 * @example queueSummary(info.provenance).workers // 2
 */
export function queueSummary(provenance: readonly RunProvenance[]): QueueSummary {
  const versions = new Map<string, { code: string; node: string; runs: number }>();
  for (const p of provenance) {
    const key = `${p.code}\0${p.node}`;
    const v = versions.get(key) ?? { code: p.code, node: p.node, runs: 0 };
    v.runs++;
    versions.set(key, v);
  }
  return {
    jobs: provenance.length,
    stalled: provenance.reduce((a, p) => a + p.stalled, 0),
    retried: provenance.reduce((a, p) => a + Math.max(0, p.attempts - 1), 0),
    workers: new Set(provenance.map((p) => p.worker)).size,
    versions: [...versions.values()],
  };
}
