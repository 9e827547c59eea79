/** How a traced request ended, when the trace says (`status` column). */
export type TraceStatus = "ok" | "error" | "timeout";

/**
 * One row of a latency trace: one request served by one backend. Only `backend` and
 * `latencyMs` are required; the rest are present when the trace has the column and the cell is
 * not empty.
 */
export interface TraceRow {
  /** The backend that served, e.g. `qdrant` (column `backend`). */
  backend: string;
  /** Non-negative latency in ms (column `latency_ms`). */
  latencyMs: number;
  /** When the request completed, in ms; ISO 8601 cells become epoch ms (column `timestamp`). */
  timestamp?: number;
  /** e.g. `similarity` (column `query_type`). */
  queryType?: string;
  /** Execution pattern, e.g. `feed-forward` or `parallel` (column `pattern`). */
  pattern?: string;
  /** In [0, 1] (column `relevance`). */
  relevance?: number;
  /** Whether the request succeeded by the recording system's rule (column `success`). */
  success?: boolean;
  /** Whether a cache answered (column `cache_hit`). */
  cacheHit?: boolean;
  /** `ok`, `error` or `timeout` (column `status`). */
  status?: TraceStatus;
  /**
   * The probability in (0, 1] with which the logging policy chose `backend` among `available`
   * (column `propensity`); off-policy evaluation weighs rows by its inverse.
   */
  propensity?: number;
  /** The query's id; rows of one query share it (column `query_id`). */
  queryId?: string;
  /** The query's text (column `query`). */
  query?: string;
  /**
   * Whether the query met the SLO: the answer its execution pattern returned had enough
   * relevance and arrived in time (column `slo_met`). One value per query, repeated on each of
   * its rows.
   */
  sloMet?: boolean;
  /** The backends the router could choose from at decision time (column `available`, ids joined by `;`). */
  available?: readonly string[];
  /**
   * Whether this row is the decision's own request rather than a further request of the
   * query's execution pattern (a hedge, a fan-out, a retry) (column `primary`).
   */
  primary?: boolean;
}

/** The CSV column names, in the order the README documents them. */
export const TRACE_COLUMNS = {
  backend: "backend",
  latencyMs: "latency_ms",
  timestamp: "timestamp",
  queryType: "query_type",
  pattern: "pattern",
  relevance: "relevance",
  success: "success",
  cacheHit: "cache_hit",
  status: "status",
  propensity: "propensity",
  queryId: "query_id",
  query: "query",
  sloMet: "slo_met",
  available: "available",
  primary: "primary",
} as const;

/** Columns every trace must have. */
export const REQUIRED_TRACE_COLUMNS: readonly string[] = [
  TRACE_COLUMNS.backend,
  TRACE_COLUMNS.latencyMs,
];
