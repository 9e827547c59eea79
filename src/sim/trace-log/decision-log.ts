import type { RandomStream } from "../../random/stream.js";
import type { Query, Router, RoutingContext, RoutingDecision } from "../../routing/types.js";
import type { ObservedQuery, ObservedResponse, SimulationObserver } from "../engine/observer.js";

/** Options of a {@link DecisionLog}. */
export interface DecisionLogOptions {
  /** The run's router: its `probabilities` give each decision's propensity. */
  router: Router;
  /** The run's pattern in compact form, e.g. `hedged:delay=p95` (column `pattern`). */
  pattern: string;
  /**
   * The stream a sampling strategy's propensities are estimated on (Thompson sampling): its
   * own, so logging never moves the router's stream.
   */
  rng: RandomStream;
  /** Posterior draws per estimated propensity; default 1,000. */
  samples?: number;
}

/** One request's response, kept until the trace is written. */
interface LoggedRequest {
  query: number;
  response: ObservedResponse;
}

/** What was known about a query when it was routed. */
interface LoggedQuery {
  type?: string;
  text?: string;
  /** The available backends joined by `;` (one string per distinct set). */
  available: string;
  /** Each available backend's probability, before the decision. */
  probabilities?: number[];
  backends: readonly string[];
  /** The chosen backend's probability; NaN when the router cannot say. */
  propensity: number;
  sloMet?: boolean;
}

/**
 * Logs one run's decisions as a trace, through the engine's observer: for each query the
 * context it was routed in (type, text, available backends), the propensity of the backend
 * chosen, and for each request that came back its backend, latency, relevance and status,
 * plus whether the query met the SLO. {@link DecisionLog.rows} gives the rows in completion
 * order; `formatLoggedTrace` writes them as CSV (format: `data/traces/README.md`).
 *
 * The propensity is the router's `probabilities` before the decision, over the backends
 * available at that moment: exact for deterministic and formula-randomised strategies,
 * estimated from posterior draws on `rng` for Thompson sampling. Routers without the method
 * leave it empty.
 */
export class DecisionLog implements SimulationObserver {
  private readonly router: Router;
  private readonly rng: RandomStream;
  private readonly samples: number;
  readonly pattern: string;
  private readonly queries: LoggedQuery[] = [];
  private readonly requests: LoggedRequest[] = [];
  /** One joined string per distinct available list (the engine reuses frozen lists). */
  private readonly joined = new Map<readonly string[], string>();

  /** @param options the router, pattern and estimation stream */
  constructor(options: DecisionLogOptions) {
    this.router = options.router;
    this.rng = options.rng;
    this.samples = options.samples ?? 1000;
    this.pattern = options.pattern;
  }

  deciding(index: number, query: Query, context: RoutingContext): void {
    const available = context.available;
    let joined = this.joined.get(available);
    if (joined === undefined) {
      joined = available.join(";");
      this.joined.set(available, joined);
    }
    this.queries[index] = {
      type: query.type,
      text: query.text,
      available: joined,
      backends: available,
      probabilities: this.router.probabilities?.(query, context, {
        rng: this.rng,
        samples: this.samples,
      }),
      propensity: Number.NaN,
    };
  }

  decided(index: number, decision: RoutingDecision): void {
    const q = this.queries[index];
    const i = q.backends.indexOf(decision.backend);
    if (q.probabilities !== undefined && i >= 0) q.propensity = q.probabilities[i];
    q.probabilities = undefined;
  }

  responded(index: number, response: ObservedResponse): void {
    this.requests.push({ query: index, response });
  }

  finished(index: number, query: ObservedQuery): void {
    // Queries arriving while every backend was hidden, or answered by the result cache, were
    // never routed: no row.
    const q = this.queries[index];
    if (q !== undefined) q.sloMet = query.sloMet;
  }

  /**
   * The logged rows, one per request that came back, in completion order.
   * @returns each request with its query's context, propensity and outcome
   */
  *rows(): IterableIterator<LoggedRow> {
    for (const { query, response } of this.requests) {
      const q = this.queries[query];
      yield {
        queryId: query,
        query: q.text,
        queryType: q.type,
        available: q.available,
        propensity: response.first ? q.propensity : Number.NaN,
        sloMet: q.sloMet,
        ...response,
      };
    }
  }

  /** Requests logged so far. */
  get size(): number {
    return this.requests.length;
  }
}

/** One row of a logged trace: a request, with its query's context and outcome. */
export interface LoggedRow extends ObservedResponse {
  /** The query's arrival index. */
  queryId: number;
  query?: string;
  queryType?: string;
  /** Backend ids joined by `;`. */
  available: string;
  /** The chosen backend's probability on the decision's own request, else NaN. */
  propensity: number;
  sloMet?: boolean;
}
