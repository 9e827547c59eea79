import { Decision, type DecisionExplainer } from "../../routing/decision.js";
import type { Outcome, Query, Router, RouterStats, RoutingContext } from "../../routing/types.js";
import type { CompiledScenario } from "../model/compiled-scenario.js";

/**
 * The oracle: knows the scenario, so for each query it picks the available backend with the
 * highest expected reward (probability of meeting the SLO) at that moment, drift ramps and
 * outages included. It learns nothing. Its regret is 0 by definition; other strategies'
 * regret is measured against it. Loads (capacity) are not part of its knowledge.
 *
 * The engine shows it each query's true type (`seesTrueType`), as an oracle should know it.
 *
 * @example
 * const oracle = new OracleRouter(compileScenario(scenario));
 */
export class OracleRouter implements Router, DecisionExplainer {
  readonly name = "oracle";
  /** Read by the engine: give this router the query's true type even when types are hidden. */
  readonly seesTrueType = true;
  private decisions = 0;
  private outcomes = 0;
  private segment = 0;

  /** @param compiled the scenario whose expected rewards it knows */
  constructor(private readonly compiled: CompiledScenario) {}

  /**
   * @param query must carry `type` (the engine gives the oracle the true type)
   * @param context available backends and the virtual time
   * @returns the best-expected backend; alternatives ranked by expected reward
   * @throws {Error} when `available` is empty or the type is not one of the scenario's
   */
  select(query: Query, context: RoutingContext): Decision {
    const ty = this.checkedType(query, context);
    const available = context.available;
    const scores = new Array<number>(available.length);
    const best = this.best(ty, context, scores);
    this.decisions++;
    return new Decision(
      available[best],
      Math.max(0, scores[best]),
      this.compiled.types[ty],
      this.name,
      this,
      available,
      scores,
      undefined,
    );
  }

  /**
   * Certain: the best-expected backend.
   * @throws {Error} as {@link OracleRouter.select}
   */
  probabilities(query: Query, context: RoutingContext): number[] {
    const ty = this.checkedType(query, context);
    const n = context.available.length;
    const p = new Array<number>(n).fill(0);
    p[this.best(ty, context, new Array<number>(n))] = 1;
    return p;
  }

  /** The query's type index; throws for an unknown type or no available backend. */
  private checkedType(query: Query, context: RoutingContext): number {
    const type = query.type ?? "";
    const ty = this.compiled.typeIndex.get(type);
    if (ty === undefined)
      throw new Error(`oracle: query type "${type}" is not in the scenario's mix`);
    if (context.available.length === 0) throw new Error("oracle: no backend is available");
    return ty;
  }

  /** Fills `scores` with each available backend's expected reward; returns the first best. */
  private best(ty: number, context: RoutingContext, scores: number[]): number {
    const c = this.compiled;
    const available = context.available;
    const now = context.now ?? 0;
    // Virtual time only moves forward in a run, so the segment search resumes from the last.
    this.segment = now < c.breaks[this.segment] ? c.segmentAt(now) : c.segmentAt(now, this.segment);
    let best = 0;
    for (let i = 0; i < available.length; i++) {
      const b = c.backendIndex.get(available[i]);
      scores[i] = b === undefined ? -1 : c.expectedReward(ty, b, now, this.segment);
      if (scores[i] > scores[best]) best = i;
    }
    return best;
  }

  /** The oracle learns nothing; outcomes are only counted. */
  record(_outcome: Outcome): void {
    this.outcomes++;
  }

  explain(d: Decision): string {
    return `The oracle knows the scenario: ${d.backend} has the highest expected reward (${d.confidence.toFixed(3)}) for "${d.queryType}" queries at this time.`;
  }

  stats(): RouterStats {
    return { strategy: this.name, decisions: this.decisions, outcomes: this.outcomes };
  }
}
