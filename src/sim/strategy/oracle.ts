import type { PatternSpec } from "../../patterns/spec.js";
import { Decision, type DecisionExplainer } from "../../routing/decision.js";
import type { Outcome, Query, Router, RouterStats, RoutingContext } from "../../routing/types.js";
import type { CompiledScenario } from "../model/compiled-scenario.js";
import { type PatternTable, patternTable } from "../oracle/pattern-table.js";

/**
 * The oracle: knows the scenario (every backend's latency, relevance, failures and windows at
 * the current virtual time), so for each query it takes the decision that maximises the
 * probability that the query meets the SLO under the run's execution pattern. Under
 * feed-forward that is the available backend with the highest expected reward, in closed
 * form, drift ramps and outages included; under the other patterns it is the primary and
 * alternatives of the {@link PatternTable} (a Monte Carlo estimate per query type and time
 * window). It learns nothing. Its pseudo-regret is 0 by definition; other strategies'
 * regret is measured against the single-request rewards. Loads (capacity) are not part of
 * its knowledge.
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

  private readonly table: PatternTable | null;
  private window = 0;

  /**
   * @param compiled the scenario whose model it knows
   * @param pattern the run's execution pattern (default feed-forward)
   */
  constructor(
    private readonly compiled: CompiledScenario,
    pattern: PatternSpec = { name: "feed-forward" },
  ) {
    this.table = patternTable(compiled, pattern);
  }

  /**
   * @param query must carry `type` (the engine gives the oracle the true type)
   * @param context available backends and the virtual time
   * @returns the best-expected backend; alternatives ranked by expected reward
   * @throws {Error} when `available` is empty or the type is not one of the scenario's
   */
  select(query: Query, context: RoutingContext): Decision {
    const c = this.compiled;
    const type = query.type ?? "";
    const ty = c.typeIndex.get(type);
    if (ty === undefined)
      throw new Error(`oracle: query type "${type}" is not in the scenario's mix`);
    const available = context.available;
    if (available.length === 0) throw new Error("oracle: no backend is available");
    const now = context.now ?? 0;
    if (this.table !== null) return this.fromTable(ty, type, now, available);
    // Virtual time only moves forward in a run, so the segment search resumes from the last.
    this.segment = now < c.breaks[this.segment] ? c.segmentAt(now) : c.segmentAt(now, this.segment);
    const scores = new Array<number>(available.length);
    let best = 0;
    for (let i = 0; i < available.length; i++) {
      const b = c.backendIndex.get(available[i]);
      scores[i] = b === undefined ? -1 : c.expectedReward(ty, b, now, this.segment);
      if (scores[i] > scores[best]) best = i;
    }
    this.decisions++;
    return new Decision(
      available[best],
      Math.max(0, scores[best]),
      type,
      this.name,
      this,
      available,
      scores,
      undefined,
    );
  }

  /** The table's decision for the window of `now`, among the backends available now. */
  private fromTable(ty: number, type: string, now: number, available: readonly string[]): Decision {
    const table = this.table!;
    this.window =
      now < table.starts[this.window] ? table.windowAt(now) : table.windowAt(now, this.window);
    const choice = table.choices[this.window][ty];
    const ids = this.compiled.backends;
    // Windows follow the timeline, so the table's backends are the available ones; the filter
    // only guards a caller that passes its own `available`.
    const order = choice.order.map((b) => ids[b]).filter((id) => available.includes(id));
    if (order.length === 0) throw new Error("oracle: no backend of its table is available");
    this.decisions++;
    return new Decision(
      order[0],
      choice.value,
      type,
      this.name,
      this,
      available,
      undefined,
      undefined,
      order.slice(1),
    );
  }

  /**
   * Certain: the backend {@link OracleRouter.select} takes. It decides by asking `select`
   * (which only moves its time caches forward, as the real decision will) and not counting it.
   * @throws {Error} as {@link OracleRouter.select}
   */
  probabilities(query: Query, context: RoutingContext): number[] {
    const chosen = this.select(query, context).backend;
    this.decisions--;
    return context.available.map((b) => (b === chosen ? 1 : 0));
  }

  /** The oracle learns nothing; outcomes are only counted. */
  record(_outcome: Outcome): void {
    this.outcomes++;
  }

  explain(d: Decision): string {
    if (this.table !== null) {
      return `The oracle knows the scenario: under this pattern, ${d.backend} first, then ${d.alternatives.join(", ")}, meets the SLO with the highest probability (${d.confidence.toFixed(3)}) for "${d.queryType}" queries at this time.`;
    }
    return `The oracle knows the scenario: ${d.backend} has the highest expected reward (${d.confidence.toFixed(3)}) for "${d.queryType}" queries at this time.`;
  }

  stats(): RouterStats {
    return { strategy: this.name, decisions: this.decisions, outcomes: this.outcomes };
  }
}
