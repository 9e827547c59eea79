import type {
  Outcome,
  Query,
  Router,
  RouterStats,
  RoutingContext,
  RoutingDecision,
} from "../../src/routing/types.js";
import type { Scenario } from "../../src/sim/index.js";

/**
 * A tiny router for engine tests: always picks the first available backend (or a fixed
 * one), ranks the rest in list order, and lets a test observe every call.
 */
export class ProbeRouter implements Router {
  readonly name = "probe";
  selects: { now: number; available: readonly string[]; decision: RoutingDecision }[] = [];
  records: Outcome[] = [];
  dispatches = 0;
  cancels = 0;
  constructor(private readonly prefer?: string) {}
  select(query: Query, context: RoutingContext): RoutingDecision {
    const available = context.available;
    const backend = this.prefer && available.includes(this.prefer) ? this.prefer : available[0];
    const decision: RoutingDecision = {
      backend,
      confidence: 1,
      queryType: query.type ?? "unknown",
      reason: "probe",
      alternatives: available.filter((b) => b !== backend),
      strategy: this.name,
    };
    this.selects.push({ now: context.now ?? Number.NaN, available, decision });
    return decision;
  }
  record(outcome: Outcome): void {
    this.records.push(outcome);
  }
  onDispatch(): void {
    this.dispatches++;
  }
  onCancel(): void {
    this.cancels++;
  }
  stats(): RouterStats {
    return { strategy: this.name, decisions: this.selects.length, outcomes: this.records.length };
  }
}

/** A scenario of `n` identical backends b0…b(n−1) with the given latency and relevance. */
export function uniformScenario(
  n: number,
  backend: Scenario["backends"][string],
  extra: Partial<Scenario> = {},
): Scenario {
  const backends: Scenario["backends"] = {};
  for (let i = 0; i < n; i++) backends[`b${i}`] = backend;
  return {
    name: `uniform-${n}`,
    backends,
    workload: { mix: { unknown: 1 }, arrivals: { type: "poisson", qps: 100 } },
    slo: { latencyMs: 500, minRelevance: 0.5 },
    ...extra,
  };
}
