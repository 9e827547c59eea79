/** Notebook 03, execution patterns: a pattern's repetitions pooled into one set of sketches. */
import { SeriesStats } from "../../profiling/series-stats.js";
import type { SimulationResult } from "../../sim/run/run-simulation.js";

/** Queries and backend calls of a pattern's runs, each series merged over the runs. */
export interface PooledSeries {
  queries: SeriesStats;
  backends: Map<string, SeriesStats>;
}

/**
 * Merges each run's query series and per-backend call series (from the profiler's JSON) over
 * a pattern's repetitions.
 *
 * @param runs the repetitions, each profiled
 * @returns the pooled series
 * @throws {Error} when a run was not profiled
 */
export function pooledSeries(runs: readonly SimulationResult[]): PooledSeries {
  const out: PooledSeries = { queries: new SeriesStats(), backends: new Map() };
  // Only these series are read back: a whole profiler's time windows cost ~50 ms a run.
  for (const run of runs) {
    if (run.profile === undefined) throw new Error("runExecutionPatterns: a run was not profiled");
    out.queries.merge(SeriesStats.fromJSON(run.profile.queries));
    for (const [id, json] of Object.entries(run.profile.backends)) {
      const series = out.backends.get(id) ?? new SeriesStats();
      out.backends.set(id, series.merge(SeriesStats.fromJSON(json)));
    }
  }
  return out;
}
