/** Notebook 05, profiler bottlenecks: how large its run is. */
import { join } from "node:path";
import { projectRoot } from "../../lab/settings.js";

/** What notebook 05 runs: the options of `runProfilerStudy` but the seed. */
export interface ProfilerBottlenecksPlan {
  /** The scenario file. */
  scenario: string;
  strategy: string;
  rounds: number;
}

/**
 * Notebook 05's workload: the degraded scenario under the old system's rule-based router. At
 * its 200 queries/s, quick mode's 12,000 queries are 60 s of traffic, which end with the
 * incident; full mode's 20,000 are 100 s, so the recovery shows too.
 *
 * @param settings `quick` from `labSettings()`
 * @returns the study's options but the seed
 * @example runProfilerStudy({ ...profilerBottlenecksPlan(settings), seed: settings.seed })
 */
export function profilerBottlenecksPlan(settings: { quick: boolean }): ProfilerBottlenecksPlan {
  return {
    scenario: join(projectRoot, "data/scenarios/degraded.json"),
    strategy: "rule-based",
    rounds: settings.quick ? 12_000 : 20_000,
  };
}
