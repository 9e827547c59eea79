import { wilsonInterval } from "../stats/wilson-interval.js";
import type { TraceRow } from "../traces/trace-row.js";
import {
  estimateRelevance,
  type RelevanceEstimate,
  type RelevanceEstimateOptions,
} from "./estimate-relevance.js";
import { fitLatency } from "./fit-latency.js";
import type { FitLatencyOptions, LatencyFitReport, SampleGroup } from "./latency-fit-types.js";

/** Outcomes of one backend for one query type. */
export interface QueryTypeOutcome {
  queryType: string;
  /** Rows of this backend and type (all statuses). */
  n: number;
  /** From the `relevance` column, when present in these rows. */
  relevance?: RelevanceEstimate;
  /** From the `success` column, when present: rate and 95 % Wilson interval. */
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
  /** The smallest latency of a `timeout` row: the backend's timeout, as far as the trace shows. */
  timeoutMs?: number;
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
  const backends = [...byBackend].map(([backend, list]) =>
    fitBackend(backend, list, { ...options, minRelevance }),
  );
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
  let timeoutMs: number | undefined;
  let cacheRows = 0;
  let cacheHits = 0;
  const byType = new Map<string, TraceRow[]>();
  for (const row of rows) {
    if (row.status !== undefined) withStatus++;
    if (row.status === "error") errors++;
    else if (row.status === "timeout") {
      timeouts++;
      timeoutMs = Math.min(timeoutMs ?? Number.POSITIVE_INFINITY, row.latencyMs);
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
    if (latency.best.ks.pValue < 1e-3 && latency.best.distribution.family !== "empirical") {
      notes.push(
        `the chosen ${latency.best.distribution.family} fit is poor (KS D = ${latency.best.ks.statistic.toFixed(3)}, p = ${latency.best.ks.pValue.toExponential(1)}); consider the empirical summary`,
      );
    }
  }

  const outcomes = [...byType].map(([queryType, list]): QueryTypeOutcome => {
    const out: QueryTypeOutcome = { queryType, n: list.length };
    const relevance = list
      .filter((r) => r.relevance !== undefined)
      .map((r) => r.relevance as number);
    if (relevance.length > 0) out.relevance = estimateRelevance(relevance, options);
    const flags = list.filter((r) => r.success !== undefined);
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

  const failed = errors + timeouts;
  return {
    backend,
    n: rows.length,
    latencies,
    latency,
    outcomes,
    failures: { n: withStatus, errors, timeouts, rate: withStatus > 0 ? failed / withStatus : 0 },
    timeoutMs,
    cacheHitRate: cacheRows > 0 ? cacheHits / cacheRows : undefined,
    notes,
  };
}
