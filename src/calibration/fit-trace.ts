import { wilsonInterval } from "../stats/wilson-interval.js";
import type { TraceRow } from "../traces/trace-row.js";
import {
  estimateRelevance,
  pooledConcentration,
  type RelevanceEstimate,
  type RelevanceEstimateOptions,
  type RelevancePrior,
} from "./estimate-relevance.js";
import { fitLatency } from "./fit-latency.js";
import { fitTimeouts, type TimeoutFitReport } from "./fit-timeouts.js";
import type { FitLatencyOptions, LatencyFitReport, SampleGroup } from "./latency-fit-types.js";
import type { LatencyDistribution } from "./types.js";

/** Outcomes of one backend for one query type. */
export interface QueryTypeOutcome {
  queryType: string;
  /** Rows of this backend and type (all statuses). */
  n: number;
  /**
   * From the `relevance` column of the rows that did not fail (status neither `error` nor
   * `timeout`), when present: the scenario models failures apart, so a failed row's relevance
   * (0 in a simulated trace) would count them twice.
   */
  relevance?: RelevanceEstimate;
  /** From the `success` column of the rows that did not fail, when present: rate and 95 % Wilson interval. */
  success?: { n: number; successes: number; rate: number; ci95: [number, number] };
}

/** Everything fitted for one backend. */
export interface BackendFit {
  backend: string;
  /** All rows of this backend. */
  n: number;
  /** The latencies fitted (rows whose status is not `error` or `timeout`), in trace order. */
  latencies: number[];
  /** Candidate fits and the choice; null when no row of this backend completed. */
  latency: LatencyFitReport | null;
  /** Per query type (`unknown` when the trace has no `query_type` column). */
  outcomes: QueryTypeOutcome[];
  /** Rows with status `error` or `timeout` among rows with a status. */
  failures: { n: number; errors: number; timeouts: number; rate: number };
  /**
   * The backend's timeout, as far as the trace shows: the median latency of its `timeout` rows
   * (a timeout fires at one configured time, give or take the logging overhead).
   */
  timeoutMs?: number;
  /**
   * When some rows timed out: every family fitted under both timeout models (a slow tail
   * censored at `timeoutMs`, or hangs beside a body) and the one AIC chooses. `latency` is
   * then fitted to the answered rows alone, for plots; the scenario takes `model`.
   */
  timeouts?: TimeoutFitReport;
  /**
   * The latency model the scenario gets, null when no row answered: `latency.best` when no
   * row timed out; with timeouts, `timeouts.best` with its hang probability, or the empirical
   * summary of the answered rows with every timeout read as a hang (h = timeouts / rows) when
   * the empirical family was requested or the chosen fit's KS p-value is below
   * `empiricalBelowPValue`.
   */
  model: { distribution: LatencyDistribution; hangProbability: number; reason: string } | null;
  /** Share of rows with cache_hit true, among rows with the column. */
  cacheHitRate?: number;
  /** Things a reader should know, e.g. families that could not be fitted. */
  notes: string[];
}

/** The whole trace, fitted. */
export interface TraceFit {
  /** Rows read. */
  rows: number;
  /** One entry per backend, in order of first appearance. */
  backends: BackendFit[];
  /** Query types with their counts and share of rows, in order of first appearance. */
  queryTypes: { queryType: string; n: number; share: number }[];
  /** Throughput between the first and last timestamp, when the trace has timestamps. */
  qps?: number;
  /** The minimum relevance the estimates used. */
  minRelevance: number;
}

/** Options for {@link fitTrace}. */
export interface FitTraceOptions extends RelevanceEstimateOptions {
  /** How each backend's latency model is chosen (default: AIC among all three families). */
  latency?: Omit<FitLatencyOptions, "groups">;
  /**
   * Also fit a mixture with one component per query type, which competes by AIC (default
   * false). Real backends are often multimodal because each query type costs differently.
   * The simulator draws a mixture's component at random, so the backend's latency
   * distribution is kept but not its link to the query type.
   */
  byQueryType?: boolean;
  /** Query types with fewer completed rows than this share one `other` component (default 30). */
  minGroupRows?: number;
}

/** Appends `row` to the list under `key`, creating it on first use. */
function pushTo(groups: Map<string, TraceRow[]>, key: string, row: TraceRow): void {
  const list = groups.get(key);
  if (list === undefined) groups.set(key, [row]);
  else list.push(row);
}

/** Query-type groups of latencies; those below `minRows` are pooled as `other`. */
function latencyGroups(byType: Map<string, number[]>, minRows: number): SampleGroup[] {
  const groups: SampleGroup[] = [];
  const other: number[] = [];
  for (const [label, samples] of byType) {
    if (samples.length >= minRows) groups.push({ label, samples });
    else for (const x of samples) other.push(x);
  }
  if (other.length > 0) groups.push({ label: "other", samples: other });
  return groups;
}

/** The query type of a row, `unknown` when absent. */
const typeOf = (row: TraceRow): string => row.queryType ?? "unknown";

/** Whether a row answered (its relevance is the backend's, not a failure's). */
const answeredRow = (r: TraceRow): boolean => r.status !== "error" && r.status !== "timeout";

/** The relevance values of the answered rows, per query type. */
function relevanceByType(rows: readonly TraceRow[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const r of rows) {
    if (r.relevance === undefined || !answeredRow(r)) continue;
    const list = out.get(typeOf(r));
    if (list === undefined) out.set(typeOf(r), [r.relevance]);
    else list.push(r.relevance);
  }
  return out;
}

/**
 * Fits a latency trace, backend by backend: the latency distribution (lognormal, gamma,
 * Weibull by maximum likelihood, chosen by AIC, plus an empirical summary), relevance and
 * success per query type, failure rate, timeout and cache hit rate.
 *
 * @param rows trace rows, e.g. `parseTrace(text).rows` or `(await readTrace(path)).rows`
 * @param options latency family choice, minimum relevance, relevance model
 * @returns per-backend fits ready for plots and for {@link traceFitToScenario}
 * @throws {RangeError} on an empty trace
 * @example
 * const fit = fitTrace((await readTrace("data/traces/sample-measured.csv")).rows);
 * fit.backends.map((b) => [b.backend, b.latency?.best.distribution.family, b.latency?.best.ks.statistic]);
 */
export function fitTrace(rows: readonly TraceRow[], options: FitTraceOptions = {}): TraceFit {
  if (rows.length === 0) throw new RangeError("a trace fit needs at least 1 row");
  const minRelevance = options.minRelevance ?? 0.7;
  const byBackend = new Map<string, TraceRow[]>();
  const typeCounts = new Map<string, number>();
  let tMin = Number.POSITIVE_INFINITY;
  let tMax = Number.NEGATIVE_INFINITY;
  let timed = 0;
  for (const row of rows) {
    pushTo(byBackend, row.backend, row);
    const t = typeOf(row);
    typeCounts.set(t, (typeCounts.get(t) ?? 0) + 1);
    if (row.timestamp !== undefined) {
      timed++;
      if (row.timestamp < tMin) tMin = row.timestamp;
      if (row.timestamp > tMax) tMax = row.timestamp;
    }
  }
  // Small samples' relevance spread is pooled with their backend's, else the whole trace's.
  const relevance = new Map([...byBackend].map(([b, list]) => [b, relevanceByType(list)]));
  const traceC = pooledConcentration([...relevance.values()].flatMap((m) => [...m.values()]));
  const backends = [...byBackend].map(([backend, list]) => {
    const own = pooledConcentration([
      ...(relevance.get(backend) as Map<string, number[]>).values(),
    ]);
    const prior: RelevancePrior | undefined =
      own !== undefined
        ? { concentration: own, from: `${backend}'s query types` }
        : traceC !== undefined
          ? { concentration: traceC, from: "every backend's query types" }
          : undefined;
    return fitBackend(backend, list, { ...options, minRelevance, prior });
  });
  const queryTypes = [...typeCounts].map(([queryType, n]) => ({
    queryType,
    n,
    share: n / rows.length,
  }));
  const qps = timed >= 2 && tMax > tMin ? ((timed - 1) * 1000) / (tMax - tMin) : undefined;
  return { rows: rows.length, backends, queryTypes, qps, minRelevance };
}

function fitBackend(
  backend: string,
  rows: TraceRow[],
  options: FitTraceOptions & { minRelevance: number },
): BackendFit {
  const notes: string[] = [];
  const latencies: number[] = [];
  const latencyByType = new Map<string, number[]>();
  let withStatus = 0;
  let errors = 0;
  let timeouts = 0;
  const timedOut: number[] = [];
  let cacheRows = 0;
  let cacheHits = 0;
  const byType = new Map<string, TraceRow[]>();
  for (const row of rows) {
    if (row.status !== undefined) withStatus++;
    if (row.status === "error") errors++;
    else if (row.status === "timeout") {
      timeouts++;
      timedOut.push(row.latencyMs);
    } else {
      latencies.push(row.latencyMs);
      const list = latencyByType.get(typeOf(row));
      if (list === undefined) latencyByType.set(typeOf(row), [row.latencyMs]);
      else list.push(row.latencyMs);
    }
    if (row.cacheHit !== undefined) {
      cacheRows++;
      if (row.cacheHit) cacheHits++;
    }
    pushTo(byType, typeOf(row), row);
  }

  let latency: LatencyFitReport | null = null;
  if (latencies.length === 0) {
    notes.push("no completed request: latency not fitted");
  } else {
    const groups = options.byQueryType
      ? latencyGroups(latencyByType, options.minGroupRows ?? 30)
      : undefined;
    latency = fitLatency(latencies, { ...options.latency, groups });
    for (const f of latency.failures) notes.push(`${f.family} not fitted: ${f.message}`);
  }

  const outcomes = [...byType].map(([queryType, list]): QueryTypeOutcome => {
    const out: QueryTypeOutcome = { queryType, n: list.length };
    const answered = list.filter(answeredRow);
    const relevance = answered
      .filter((r) => r.relevance !== undefined)
      .map((r) => r.relevance as number);
    if (relevance.length > 0) out.relevance = estimateRelevance(relevance, options);
    const flags = answered.filter((r) => r.success !== undefined);
    if (flags.length > 0) {
      const successes = flags.filter((r) => r.success).length;
      out.success = {
        n: flags.length,
        successes,
        rate: successes / flags.length,
        ci95: wilsonInterval(successes, flags.length),
      };
    }
    return out;
  });

  const timeoutMs = timedOut.length > 0 ? median(timedOut) : undefined;
  let fitted: Pick<BackendFit, "timeouts" | "model"> = {
    model:
      latency === null
        ? null
        : { distribution: latency.best.distribution, hangProbability: 0, reason: latency.reason },
  };
  if (timeoutMs !== undefined && latency !== null) {
    fitted = timeoutModel(latencies, errors, timedOut, timeoutMs, latency, options, notes);
  }
  // The KS of the fit the scenario gets (the timeout model's when there is one).
  const chosen = fitted.timeouts?.best.fit ?? latency?.best;
  const family = fitted.model?.distribution.family;
  if (chosen !== undefined && family === chosen.distribution.family && family !== "empirical") {
    if (chosen.ks.pValue < 1e-3) {
      notes.push(
        `the chosen ${family} fit is poor (KS D = ${chosen.ks.statistic.toFixed(3)}, p = ${chosen.ks.pValue.toExponential(1)}); consider the empirical summary`,
      );
    }
  }
  const failed = errors + timeouts;
  return {
    backend,
    n: rows.length,
    latencies,
    latency,
    outcomes,
    failures: { n: withStatus, errors, timeouts, rate: withStatus > 0 ? failed / withStatus : 0 },
    timeoutMs,
    ...fitted,
    cacheHitRate: cacheRows > 0 ? cacheHits / cacheRows : undefined,
    notes,
  };
}

/** The median of a non-empty list (the mean of the middle two for an even length). */
function median(values: readonly number[]): number {
  const sorted = Float64Array.from(values).sort();
  const m = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[m] : 0.5 * (sorted[m - 1] + sorted[m]);
}

/**
 * Fits both timeout models to a backend with timed-out rows (see `fitTimeouts`) and decides
 * the scenario's latency model and hang probability, noting what a reader should know.
 */
function timeoutModel(
  answered: readonly number[],
  errors: number,
  timedOut: readonly number[],
  timeoutMs: number,
  latency: LatencyFitReport,
  options: FitTraceOptions,
  notes: string[],
): Pick<BackendFit, "timeouts" | "model"> {
  let lo = Number.POSITIVE_INFINITY;
  let hi = 0;
  for (const x of timedOut) {
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
  }
  if (hi - lo > 0.05 * timeoutMs) {
    notes.push(
      `timed-out rows end between ${lo.toPrecision(4)} and ${hi.toPrecision(4)} ms; the timeout is taken as their median, ${timeoutMs.toPrecision(4)} ms`,
    );
  }
  const late = answered.filter((x) => x > timeoutMs).length;
  if (late > 0) notes.push(`${late} answered rows are slower than the timeout`);
  const choose = options.latency?.choose ?? "aic";
  const hangs = timedOut.length / (answered.length + errors + timedOut.length);
  const empirical = (reason: string) => ({
    distribution: latency.candidates.find((c) => c.distribution.family === "empirical")!
      .distribution,
    hangProbability: hangs,
    reason: `${reason}: the empirical summary of the answered rows, every timeout read as a hang`,
  });
  if (choose === "empirical") return { model: empirical("empirical was requested") };
  if (options.byQueryType) {
    notes.push(
      "the per-query-type mixture is fitted to answered rows only; timeouts use a single family",
    );
  }
  let timeouts: TimeoutFitReport;
  try {
    timeouts = fitTimeouts(
      { answered, errors, timeouts: timedOut.length, timeoutMs },
      { families: choose === "aic" ? options.latency?.families : [choose] },
    );
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    notes.push(`timeout models not fitted: ${err.message}`);
    return { model: empirical("no timeout model could be fitted") };
  }
  for (const f of timeouts.failures) {
    notes.push(`${f.family} (${f.model}) not fitted: ${f.message}`);
  }
  const best = timeouts.best;
  const threshold = options.latency?.empiricalBelowPValue ?? 0;
  if (best.fit.ks.pValue < threshold) {
    return {
      timeouts,
      model: empirical(
        `${timeouts.reason}, but its KS p-value ${best.fit.ks.pValue.toExponential(2)} < ${threshold}`,
      ),
    };
  }
  return {
    timeouts,
    model: {
      distribution: best.fit.distribution,
      hangProbability: best.hangProbability,
      reason: timeouts.reason,
    },
  };
}
