/** Notebook 03, execution patterns: the two claims of The Tail at Scale, checked on its runs. */
import { hedgeDelay, toPatternSpec } from "../../patterns/spec.js";
import type { CompiledScenario } from "../../sim/model/compiled-scenario.js";
import type { PatternCase } from "./plan.js";
import type { PooledSeries } from "./pooled-series.js";
import type { FanOutCheck, HedgingCheck, PatternSummary } from "./result.js";

/**
 * The Tail at Scale's hedging claim, measured: a backup request after the primary's observed
 * pNN costs about 1 − NN/100 extra calls per query. Compares the `hedged-p95` case with
 * `feed-forward`.
 *
 * @param cases the study's cases
 * @param patterns the summaries by case id
 * @param queries queries per case (rounds × reps), for the binomial standard error
 * @returns the check, or null when either case is missing or the hedge waits no quantile
 */
export function hedgingCheck(
  cases: readonly PatternCase[],
  patterns: Record<string, PatternSummary>,
  queries: number,
): HedgingCheck | null {
  const base = patterns["feed-forward"];
  const hedged = patterns["hedged-p95"];
  const c = cases.find((x) => x.id === "hedged-p95");
  if (base === undefined || hedged === undefined || c === undefined) return null;
  const spec = toPatternSpec(c.pattern);
  if (spec.name !== "hedged") return null;
  const delay = hedgeDelay(spec.delay ?? "p95");
  if (!("quantile" in delay)) return null;
  // Rounded so that p95 reads 0.05, not 1 − 0.95 in floating point.
  const p = Math.round((1 - delay.quantile) * 1e12) / 1e12;
  return {
    pattern: "hedged-p95",
    baseline: "feed-forward",
    quantile: delay.quantile,
    predictedExtraCalls: p,
    measuredExtraCalls: hedged.callsPerQuery - base.callsPerQuery,
    standardError: Math.sqrt((p * (1 - p)) / queries),
    p99: { baseline: base.p99, hedged: hedged.p99 },
    p999: { baseline: base.p999, hedged: hedged.p999 },
    p99Reduction: 1 - hedged.p99 / base.p99,
  };
}

/**
 * The Tail at Scale's fan-out claim, measured: waiting for every one of N backends makes a
 * query slow with probability 1 − Π (1 − p_b). Compares `parallel-all` with `feed-forward`.
 *
 * @param input summaries, pooled series, the compiled scenario, the threshold and query count
 * @returns the check, or null when either case was not run
 */
export function fanOutCheck(input: {
  patterns: Record<string, PatternSummary>;
  profilers: ReadonlyMap<string, PooledSeries>;
  compiled: CompiledScenario;
  thresholdMs: number;
  queries: number;
}): FanOutCheck | null {
  const { compiled, thresholdMs: t } = input;
  const fan = input.profilers.get("parallel-all");
  const base = input.profilers.get("feed-forward");
  if (fan === undefined || base === undefined) return null;
  const backendSlowFraction: Record<string, number> = {};
  const measuredBackendSlowFraction: Record<string, number> = {};
  let allFast = 1;
  let allFastMeasured = 1;
  compiled.backends.forEach((id, b) => {
    const series = fan.backends.get(id);
    if (series === undefined || series.count === 0) return;
    // A request slower than its timeout ends at the timeout, so it is slow only if that is.
    const p = t >= compiled.timeoutMs[b] ? 0 : 1 - compiled.states[b][0].latency.cdf(t);
    backendSlowFraction[id] = p;
    allFast *= 1 - p;
    const measured = 1 - series.sketch.fractionBelow(t);
    measuredBackendSlowFraction[id] = measured;
    allFastMeasured *= 1 - measured;
  });
  const predicted = 1 - allFast;
  return {
    pattern: "parallel-all",
    thresholdMs: t,
    fanout: input.patterns["parallel-all"].callsPerQuery,
    backendSlowFraction,
    predicted,
    measuredBackendSlowFraction,
    predictedFromBackends: 1 - allFastMeasured,
    measured: 1 - fan.queries.sketch.fractionBelow(t),
    standardError: Math.sqrt((predicted * (1 - predicted)) / input.queries),
    baselineSlowFraction: 1 - base.queries.sketch.fractionBelow(t),
  };
}
