import type { PatternInput } from "../patterns/spec.js";
import type { RouterOptions } from "../routing/registry.js";
import type { Query, Router, RoutingContext } from "../routing/types.js";
import { runSimulation } from "../sim/run/run-simulation.js";
import type { Scenario } from "../sim/scenario/spec.js";
import {
  createStrategy,
  type StrategyContext,
  strategyName,
} from "../sim/strategy/create-strategy.js";

/** Options for {@link routingByType}. */
export interface RoutingByTypeOptions {
  scenario: Scenario;
  /** A strategy name `runSimulation` accepts. */
  strategy: string;
  pattern?: PatternInput;
  rounds: number;
  seed?: number;
  /** Default 0. */
  repetition?: number;
  /** Extra options for the strategy (e.g. tuned priors from `--params`). */
  routerOptions?: RouterOptions;
}

/**
 * Where a strategy routes each query type: the share of its routing decisions that chose each
 * backend, per query type (the type the router saw), in one simulated run.
 *
 * @param options scenario, strategy, pattern, rounds, seed, repetition
 * @returns per query type, per backend, the share of that type's decisions (rows sum to 1)
 * @throws what `runSimulation` throws
 * @example routingByType({ scenario, strategy: "thompson", rounds: 10_000 }).personal.mem0
 */
export function routingByType(
  options: RoutingByTypeOptions,
): Record<string, Record<string, number>> {
  const counts: Record<string, Record<string, number>> = {};
  const factory = (context: StrategyContext): Router => {
    const inner = createStrategy(options.strategy, context, options.routerOptions);
    return {
      name: inner.name,
      get seesTrueType() {
        return (inner as { seesTrueType?: boolean }).seesTrueType === true;
      },
      select(query: Query, ctx: RoutingContext) {
        const d = inner.select(query, ctx);
        counts[d.queryType] ??= {};
        const row = counts[d.queryType];
        row[d.backend] = (row[d.backend] ?? 0) + 1;
        return d;
      },
      record: (o) => inner.record(o),
      onDispatch: (b, now) => inner.onDispatch?.(b, now),
      onCancel: (b, now) => inner.onCancel?.(b, now),
      stats: () => inner.stats(),
    } as Router;
  };
  // Same name, same random stream: this is the experiment's own repetition.
  Object.defineProperty(factory, "name", { value: strategyName(options.strategy) });
  runSimulation({
    scenario: options.scenario,
    strategy: factory,
    pattern: options.pattern,
    rounds: options.rounds,
    seed: options.seed,
    repetition: options.repetition,
  });
  const out: Record<string, Record<string, number>> = {};
  for (const [type, row] of Object.entries(counts)) {
    const total = Object.values(row).reduce((a, b) => a + b, 0);
    out[type] = Object.fromEntries(Object.entries(row).map(([b, c]) => [b, c / total]));
  }
  return out;
}
