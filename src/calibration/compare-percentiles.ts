import { quantileSorted } from "../stats/quantile.js";
import type { TraceRow } from "../traces/trace-row.js";

/** The p-th percentile (0–100) of sorted values, interpolated. */
const interpolatedPercentile = (sorted: Float64Array, p: number): number =>
  quantileSorted(sorted, p / 100);

/** One backend's percentile in two traces. */
export interface PercentileComparison {
  backend: string;
  /** The percentile, e.g. 99. */
  percentile: number;
  observed: number;
  simulated: number;
  /** simulated / observed − 1. */
  relativeError: number;
}

/**
 * Compares latency percentiles per backend between an observed trace and a simulated one,
 * e.g. a measured trace and `simulateTrace` of the scenario fitted to it.
 *
 * @param observed rows of the real trace
 * @param simulated rows of the simulated trace
 * @param options percentiles to compare (default 50, 90, 95, 99)
 * @returns one row per backend present in both and percentile, backends in observed order
 * @example comparePercentiles(trace.rows, simulateTrace({ scenario, rounds: 50_000 }))
 */
export function comparePercentiles(
  observed: readonly TraceRow[],
  simulated: readonly TraceRow[],
  options: { percentiles?: readonly number[] } = {},
): PercentileComparison[] {
  const percentiles = options.percentiles ?? [50, 90, 95, 99];
  const group = (rows: readonly TraceRow[]) => {
    const m = new Map<string, number[]>();
    for (const r of rows) {
      const list = m.get(r.backend);
      if (list === undefined) m.set(r.backend, [r.latencyMs]);
      else list.push(r.latencyMs);
    }
    return new Map([...m].map(([b, xs]) => [b, Float64Array.from(xs).sort()]));
  };
  const a = group(observed);
  const b = group(simulated);
  const out: PercentileComparison[] = [];
  for (const [backend, xs] of a) {
    const ys = b.get(backend);
    if (ys === undefined) continue;
    for (const percentile of percentiles) {
      const o = interpolatedPercentile(xs, percentile);
      const s = interpolatedPercentile(ys, percentile);
      out.push({ backend, percentile, observed: o, simulated: s, relativeError: s / o - 1 });
    }
  }
  return out;
}
