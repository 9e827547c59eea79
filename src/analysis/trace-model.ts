import { comparePercentiles } from "../calibration/compare-percentiles.js";
import { fitTrace } from "../calibration/fit-trace.js";
import { simulateTrace } from "../calibration/simulate-trace.js";
import { traceFitToScenario } from "../calibration/trace-fit-to-scenario.js";
import { parsePatternSpec } from "../patterns/spec.js";
import type { AdviceSettings } from "../profiling/advice-types.js";
import { FixedShareRouter } from "../routing/fixed-share-router.js";
import type { StrategyContext, StrategyFactory } from "../sim/strategy/create-strategy.js";
import type { TraceRow } from "../traces/trace-row.js";
import type { WhatIfBase } from "./what-if.js";

/** The name the replayed routing mix runs under (and its random stream derives from). */
export const TRACE_MIX_STRATEGY = "trace-mix";

/** Options for {@link traceModel}. */
export interface TraceModelOptions {
  /** The SLO latency, ms. */
  sloMs: number;
  /** The relevance an answer needs to meet the SLO. */
  minRelevance: number;
  /** Queries per re-simulated run. */
  rounds: number;
  /** Root seed of the re-simulations. */
  seed: number;
  /** Percentiles compared to judge the fit (default 50, 90, 95, 99). */
  percentiles?: readonly number[];
}

/** What verification on a trace rests on, or why there is none. */
export type TraceModel =
  | {
      ok: true;
      /** The fitted scenario under the trace's routing mix. */
      base: WhatIfBase;
      /** How well the fitted model reproduces the trace's percentiles. */
      fitted: NonNullable<AdviceSettings["fitted"]>;
      /** The fit's notes (defaults filled in, backends left out). */
      notes: string[];
    }
  | {
      ok: false;
      /** Why advice cannot be verified, naming the column that would allow it. */
      reason: string;
    };

/**
 * Builds what advice on a trace is verified on: the trace fitted in memory into a scenario
 * (the `fit` command's path: latency by maximum likelihood and AIC, relevance per backend ×
 * query type, failures and timeouts), routed at the trace's own shares per query type ×
 * backend (a {@link FixedShareRouter}), and how well that model reproduces the trace's
 * latency percentiles per backend.
 *
 * Verification needs both the `query_type` column (the routing mix and per-type changes are
 * per type) and the `relevance` column (the objective counts relevant answers only); without
 * either the reason names the column.
 *
 * @param rows the trace's rows
 * @param options SLO, rounds and seed of the re-simulations
 * @returns the base run and the fit's worst percentile error, or the reason there is none
 * @throws {RangeError} on an empty trace (from `fitTrace`)
 * @example const m = traceModel(rows, { sloMs: 200, minRelevance: 0.7, rounds: 20_000, seed: 42 });
 */
export function traceModel(rows: readonly TraceRow[], options: TraceModelOptions): TraceModel {
  const missing: string[] = [];
  if (!rows.some((r) => r.queryType !== undefined)) missing.push("query_type");
  if (!rows.some((r) => r.relevance !== undefined)) missing.push("relevance");
  if (missing.length > 0) {
    return {
      ok: false,
      reason: `the trace has no ${missing.join(" or ")} column; add ${missing.length === 1 ? "it" : "them"} to verify advice on a model fitted to the trace`,
    };
  }
  const fit = fitTrace(rows, { minRelevance: options.minRelevance });
  let scenario: WhatIfBase["scenario"];
  let notes: string[];
  try {
    ({ scenario, notes } = traceFitToScenario(fit, { name: "trace-fit", sloMs: options.sloMs }));
  } catch (err) {
    return {
      ok: false,
      reason: `the trace could not be fitted (${(err as Error).message.split("\n").join("; ")})`,
    };
  }
  const strategy = traceMixStrategy(rows);
  const pattern = tracePattern(rows);
  const simulated = simulateTrace({
    scenario,
    rounds: Math.min(Math.max(rows.length, 10_000), 50_000),
    seed: options.seed,
    strategy,
    ...(pattern === undefined ? {} : { pattern }),
  });
  const percentiles = options.percentiles ?? [50, 90, 95, 99];
  let worst = 0;
  let worstAt = "–";
  for (const c of comparePercentiles(rows, simulated, { percentiles })) {
    const e = Math.abs(c.relativeError);
    if (Number.isFinite(e) && e > worst) {
      worst = e;
      worstAt = `${c.backend} p${c.percentile}`;
    }
  }
  return {
    ok: true,
    base: {
      scenario,
      strategy,
      rounds: options.rounds,
      seed: options.seed,
      ...(pattern === undefined ? {} : { pattern }),
    },
    fitted: { worstPercentileError: worst, worstAt, percentiles: [...percentiles] },
    notes,
  };
}

/**
 * The execution pattern the trace was logged under, when every row names the same one and it
 * parses (e.g. `hedged:delay=p95` from `simulate --trace-out`): the base run then uses it, so
 * its hedges and fan-outs are modelled too. Otherwise undefined (feed-forward).
 *
 * @param rows the trace's rows
 * @returns the pattern's compact form, or undefined
 */
export function tracePattern(rows: readonly TraceRow[]): string | undefined {
  const first = rows[0]?.pattern;
  if (first === undefined || rows.some((r) => r.pattern !== first)) return undefined;
  try {
    parsePatternSpec(first);
  } catch {
    return undefined;
  }
  return first;
}

/**
 * The trace's routing mix as a strategy: each query type goes to each backend at the share
 * of that type's decisions the backend got. Only primary rows are decisions (`primary` true
 * or empty); hedges, fan-outs and retries are the pattern's, not the router's.
 *
 * @param rows the trace's rows (rows without a type count as `unknown`)
 * @returns a factory named {@link TRACE_MIX_STRATEGY}
 */
export function traceMixStrategy(rows: readonly TraceRow[]): StrategyFactory {
  const shares: Record<string, Record<string, number>> = {};
  for (const r of rows) {
    if (r.primary === false) continue;
    const t = r.queryType ?? "unknown";
    shares[t] ??= {};
    shares[t][r.backend] = (shares[t][r.backend] ?? 0) + 1;
  }
  const factory = (context: StrategyContext) =>
    new FixedShareRouter(
      {
        rng: context.rng,
        backends: context.compiled.backends,
        queryTypes: context.compiled.types,
        shares,
      },
      TRACE_MIX_STRATEGY,
    );
  Object.defineProperty(factory, "name", { value: TRACE_MIX_STRATEGY });
  return factory;
}
