import type { PatternSpec } from "../patterns/spec.js";
import { validatePatternSpec } from "../patterns/spec.js";
import type { BackendId, Query, RoutingContext } from "../routing/types.js";
import { LatencySketch } from "../sketch/latency-sketch.js";
import { executeChain } from "./chain.js";
import { executeFeedForward } from "./feed-forward.js";
import { executeHedged } from "./hedged.js";
import { executeParallel } from "./parallel.js";
import { executeRecursive } from "./recursive.js";
import type { AsyncBackend, ExecutionContext, ExecutionResult } from "./types.js";

/** Options of {@link PatternExecutor}. */
export interface PatternExecutorOptions extends ExecutionContext {
  /** The execution pattern, the same specs the simulator runs. */
  pattern: PatternSpec;
  /** Recursive threshold when the spec gives none. Default 0.7 (the old success rule). */
  relevanceThreshold?: number;
  /** Parallel deadline when the spec gives none, ms. Default 2000 (the old latency SLO). */
  deadlineMs?: number;
}

/** Observations of a backend before a `pNN` hedge delay is trusted (as in the simulator). */
const MIN_OBSERVATIONS_FOR_HEDGE = 20;

/**
 * Runs queries against real async backends with an execution pattern: the production-side
 * twin of the simulator's patterns. The router decides, the executor sends requests, measures
 * their wall-clock latency and feeds each completion back to the router.
 *
 * @example
 * const ex = new PatternExecutor({ router, backends: { qdrant: async () => ({ relevance: 0.9 }) },
 *   pattern: { name: "hedged", delay: "p95", cancel: true } });
 * const result = await ex.execute({ text: "find similar notes" }, { available: ["qdrant"] });
 */
export class PatternExecutor {
  private readonly context: ExecutionContext;
  private readonly pattern: PatternSpec;
  private readonly threshold: number;
  private readonly deadlineMs: number;
  /** Observed latency per backend, for `pNN` hedge delays. */
  private readonly observed = new Map<BackendId, LatencySketch>();

  constructor(options: PatternExecutorOptions) {
    validatePatternSpec(options.pattern);
    this.pattern = options.pattern;
    this.threshold = options.relevanceThreshold ?? 0.7;
    this.deadlineMs = options.deadlineMs ?? 2000;
    this.context = {
      router: options.router,
      backends: this.observing(
        options.backends,
        options.clock ?? performance.now.bind(performance),
      ),
      clock: options.clock,
    };
  }

  /**
   * Routes and executes one query.
   *
   * @param query the query
   * @param routing the available backends and, optionally, the time
   * @returns latency, fused relevance and the load the pattern added
   */
  execute(query: Query, routing: RoutingContext): Promise<ExecutionResult> {
    const decision = this.context.router.select(query, routing);
    const spec = this.pattern;
    switch (spec.name) {
      case "feed-forward":
        return executeFeedForward(this.context, query, decision);
      case "recursive":
        return executeRecursive(this.context, query, decision, {
          ...spec,
          threshold: spec.threshold ?? this.threshold,
        });
      case "parallel":
        return executeParallel(this.context, query, decision, {
          ...spec,
          deadlineMs: spec.deadlineMs ?? this.deadlineMs,
        });
      case "chain":
        return executeChain(this.context, query, decision, spec);
      case "hedged":
        return executeHedged(
          this.context,
          query,
          decision,
          spec,
          this.hedgeDelay(spec, decision.backend),
        );
    }
  }

  /** The hedge delay: fixed ms, or the primary's observed percentile once it has enough data. */
  private hedgeDelay(spec: { delay?: number | string }, primary: BackendId): number {
    const delay = spec.delay ?? "p95";
    if (typeof delay === "number") return delay;
    const sketch = this.observed.get(primary);
    if (!sketch || sketch.count < MIN_OBSERVATIONS_FOR_HEDGE) return Number.POSITIVE_INFINITY;
    return sketch.quantile(Number(delay.slice(1)) / 100);
  }

  /** Wraps each backend so its successful latencies feed the hedge-delay sketches. */
  private observing(
    backends: Readonly<Record<BackendId, AsyncBackend>>,
    clock: () => number,
  ): Record<BackendId, AsyncBackend> {
    const wrapped: Record<BackendId, AsyncBackend> = {};
    for (const [id, call] of Object.entries(backends)) {
      const sketch = new LatencySketch();
      this.observed.set(id, sketch);
      wrapped[id] = async (query, signal) => {
        const t0 = clock();
        const answer = await call(query, signal);
        sketch.add(Math.max(0, clock() - t0));
        return answer;
      };
    }
    return wrapped;
  }
}
