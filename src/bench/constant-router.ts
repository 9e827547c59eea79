import { Decision, type DecisionExplainer } from "../routing/decision.js";
import type { Router, RouterStats, RoutingContext } from "../routing/types.js";

/**
 * A router that always picks the first available backend with one shared decision object:
 * timing it isolates the engine's own cost (arrivals, latency and relevance sampling, the
 * event heap, feedback delivery and metric recording) from any strategy's. The bench's
 * `engine-only` row.
 */
export class ConstantRouter implements Router, DecisionExplainer {
  readonly name = "engine-only";
  private decision: Decision | undefined;
  select(_query: unknown, context: RoutingContext): Decision {
    if (this.decision === undefined || this.decision.candidates !== context.available) {
      const a = context.available;
      this.decision = new Decision(
        a[0],
        1,
        "any",
        this.name,
        this,
        a,
        undefined,
        undefined,
        a.slice(1),
      );
    }
    return this.decision;
  }
  record(): void {}
  explain(): string {
    return "constant";
  }
  stats(): RouterStats {
    return { strategy: this.name, decisions: 0, outcomes: 0 };
  }
}
