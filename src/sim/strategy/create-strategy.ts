import type { PatternSpec } from "../../patterns/spec.js";
import { createStream, type RandomStream } from "../../random/index.js";
import { RoutingInputError } from "../../routing/errors.js";
import { createRouter, type RouterOptions } from "../../routing/registry.js";
import type { Router } from "../../routing/types.js";
import type { CompiledScenario } from "../model/compiled-scenario.js";
import { OracleRouter } from "./oracle.js";

/** What a strategy factory gets to build the router of one run. */
export interface StrategyContext {
  compiled: CompiledScenario;
  seed: number;
  repetition: number;
  /** The router's own stream, `createStream(seed, repetition, "router", name)`. */
  rng: RandomStream;
  /** The run's execution pattern (the oracle optimises for it); default feed-forward. */
  pattern?: PatternSpec;
}

/** Builds a router for one run (in-process runs only: functions cannot go to workers). */
export type StrategyFactory = (context: StrategyContext) => Router;

/** A strategy: a registry name (plus `oracle`), or a factory. */
export type StrategyInput = string | StrategyFactory;

/**
 * Builds the router of one run: `oracle` (this module's {@link OracleRouter}), any name the
 * routing registry knows (`thompson`, `ucb1`, `always:qdrant`, …), or a factory.
 *
 * @param strategy the name or factory
 * @param context the run; names get `rng`, the scenario's backends and query types
 * @param routerOptions extra options for registry strategies (e.g. `{ coldStart: 20 }`)
 * @returns a fresh router
 * @throws {Error} (the registry's RoutingInputError) for an unknown name or bad options, or
 *   an `always:<backend>` whose backend is not in the scenario
 * @example createStrategy("thompson", { compiled, seed: 42, repetition: 0, rng })
 */
export function createStrategy(
  strategy: StrategyInput,
  context: StrategyContext,
  routerOptions: RouterOptions = {},
): Router {
  if (typeof strategy === "function") return strategy(context);
  checkStrategyBackends(strategy, context.compiled.backends);
  if (strategy === "oracle") return new OracleRouter(context.compiled, context.pattern);
  return createRouter(strategy, {
    ...routerOptions,
    rng: context.rng,
    backends: context.compiled.backends,
    queryTypes: context.compiled.types,
  });
}

/**
 * Checks that a strategy name refers only to backends of the scenario. Why here and not in
 * the router: `always:<backend>` falls back to the first available backend whenever its own
 * is unavailable (an outage), so a backend that never exists would run silently as
 * "always the first backend" under the wrong label.
 *
 * @param strategy a strategy name, e.g. `always:qdrant`
 * @param backends the scenario's backend ids
 * @throws {RoutingInputError} naming the strategy and the missing backend
 * @example checkStrategyBackends("always:nosuch", ["neo4j", "qdrant"]) // throws
 */
export function checkStrategyBackends(strategy: string, backends: readonly string[]): void {
  const prefix = "always:";
  if (!strategy.startsWith(prefix)) return;
  const backend = strategy.slice(prefix.length);
  // An empty id is the registry's to report ("always:<backend> needs a backend id").
  if (backend !== "" && !backends.includes(backend)) {
    throw new RoutingInputError(
      strategy,
      `${JSON.stringify(backend)} is not a backend of the scenario (${backends.join(", ")})`,
    );
  }
}

/**
 * The router stream of one run.
 *
 * @param seed the root seed
 * @param repetition the repetition
 * @param name the strategy's name
 * @returns `createStream(seed, repetition, "router", name)`
 */
export function routerStream(seed: number, repetition: number, name: string): RandomStream {
  return createStream(seed, repetition, "router", name);
}

/**
 * A strategy's display name.
 *
 * @param strategy the name or factory
 * @returns the name, or the factory's function name (`custom` when anonymous)
 */
export function strategyName(strategy: StrategyInput): string {
  return typeof strategy === "string" ? strategy : strategy.name || "custom";
}
