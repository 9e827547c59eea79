import { createStream, type RandomStream } from "../../random/index.js";
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
 * @throws {Error} (the registry's RoutingInputError) for an unknown name or bad options
 * @example createStrategy("thompson", { compiled, seed: 42, repetition: 0, rng })
 */
export function createStrategy(
  strategy: StrategyInput,
  context: StrategyContext,
  routerOptions: RouterOptions = {},
): Router {
  if (typeof strategy === "function") return strategy(context);
  if (strategy === "oracle") return new OracleRouter(context.compiled);
  return createRouter(strategy, {
    ...routerOptions,
    rng: context.rng,
    backends: context.compiled.backends,
    queryTypes: context.compiled.types,
  });
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
