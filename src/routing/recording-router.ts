import type { TraceRow } from "../traces/trace-row.js";
import { DelegatingRouter } from "./delegating-router.js";
import type { Outcome, Router } from "./types.js";

/**
 * Delegates to a router and logs every outcome it learns from as a trace row, as a production
 * logger would: backend, latency, completion time, query type, relevance and success.
 *
 * @example const rows: TraceRow[] = []; const router = new RecordingRouter(inner, rows);
 */
export class RecordingRouter extends DelegatingRouter {
  /**
   * @param inner the router every call goes to
   * @param rows where each recorded outcome is appended
   */
  constructor(
    inner: Router,
    private readonly rows: TraceRow[],
  ) {
    super(inner);
  }

  override record(outcome: Outcome): void {
    this.rows.push({
      backend: outcome.backend ?? outcome.decision.backend,
      latencyMs: outcome.latencyMs,
      timestamp: outcome.now,
      queryType: outcome.decision.queryType,
      relevance: outcome.relevance,
      status: outcome.status,
      success: outcome.success,
    });
    super.record(outcome);
  }
}
