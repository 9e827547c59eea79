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
} as const;

/** Columns every trace must have. */
export const REQUIRED_TRACE_COLUMNS: readonly string[] = [
  TRACE_COLUMNS.backend,
  TRACE_COLUMNS.latencyMs,
];
