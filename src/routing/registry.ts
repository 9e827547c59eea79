import { type AdaptivePatternOptions, AdaptivePatternRouter } from "./adaptive-pattern.js";
import { AlwaysRouter } from "./always-router.js";
import type { BaseRouterOptions } from "./base-router.js";
import { type DUcbOptions, DUcbRouter } from "./d-ucb.js";
import { type EpsilonGreedyOptions, EpsilonGreedyRouter } from "./epsilon-greedy.js";
import { RoutingInputError } from "./errors.js";
import { type Exp3Options, Exp3Router } from "./exp3.js";
import { type KlUcbOptions, KlUcbRouter } from "./kl-ucb.js";
import { type LeastOutstandingOptions, LeastOutstandingRouter } from "./least-outstanding.js";
import { type LinearThompsonOptions, LinearThompsonRouter } from "./linear-thompson.js";
import { type LinUcbOptions, LinUcbRouter } from "./linucb.js";
import { type PeakEwmaOptions, PeakEwmaRouter } from "./peak-ewma.js";
import { type RandomOptions, RandomRouter } from "./random-router.js";
import { type RoundRobinOptions, RoundRobinRouter } from "./round-robin.js";
import { type RuleBasedOptions, RuleBasedRouter } from "./rule-based.js";
import { parseStrategySpec } from "./strategy-spec.js";
import { type SwUcbOptions, SwUcbRouter } from "./sw-ucb.js";
import { type ThompsonOptions, ThompsonRouter } from "./thompson.js";
import type { LearnableRouter, Router } from "./types.js";
import { type Ucb1Options, Ucb1Router } from "./ucb1.js";

/** Each registry name's options type. `always:<backend>` takes the backend from its name. */
export interface StrategyOptionsMap {
  "rule-based": RuleBasedOptions;
  thompson: ThompsonOptions;
  "epsilon-greedy": EpsilonGreedyOptions;
  ucb1: Ucb1Options;
  random: RandomOptions;
  "round-robin": RoundRobinOptions;
  "least-outstanding": LeastOutstandingOptions;
  "peak-ewma": PeakEwmaOptions;
  "kl-ucb": KlUcbOptions;
  "sw-ucb": SwUcbOptions;
  "d-ucb": DUcbOptions;
  exp3: Exp3Options;
  linucb: LinUcbOptions;
  "linear-thompson": LinearThompsonOptions;
  "adaptive-pattern": AdaptivePatternOptions;
}

/** Each registry name's router class. */
export interface StrategyRouterMap {
  "rule-based": RuleBasedRouter;
  thompson: ThompsonRouter;
  "epsilon-greedy": EpsilonGreedyRouter;
  ucb1: Ucb1Router;
  random: RandomRouter;
  "round-robin": RoundRobinRouter;
  "least-outstanding": LeastOutstandingRouter;
  "peak-ewma": PeakEwmaRouter;
  "kl-ucb": KlUcbRouter;
  "sw-ucb": SwUcbRouter;
  "d-ucb": DUcbRouter;
  exp3: Exp3Router;
  linucb: LinUcbRouter;
  "linear-thompson": LinearThompsonRouter;
  "adaptive-pattern": AdaptivePatternRouter;
}

/** A registry name: a key of {@link StrategyOptionsMap}, or `always:<backend>`. */
export type StrategyName = keyof StrategyOptionsMap | `always:${string}`;

/** Every option any strategy reads, for callers that pick the strategy by a runtime string. */
export type RouterOptions = RuleBasedOptions &
  ThompsonOptions &
  EpsilonGreedyOptions &
  Ucb1Options &
  PeakEwmaOptions &
  KlUcbOptions &
  SwUcbOptions &
  DUcbOptions &
  Exp3Options &
  LinUcbOptions &
  LinearThompsonOptions &
  AdaptivePatternOptions;

const FACTORIES: { [K in keyof StrategyOptionsMap]: (o: StrategyOptionsMap[K]) => Router } = {
  "rule-based": (o) => new RuleBasedRouter(o),
  thompson: (o) => new ThompsonRouter(o),
  "epsilon-greedy": (o) => new EpsilonGreedyRouter(o),
  ucb1: (o) => new Ucb1Router(o),
  random: (o) => new RandomRouter(o),
  "round-robin": (o) => new RoundRobinRouter(o),
  "least-outstanding": (o) => new LeastOutstandingRouter(o),
  "peak-ewma": (o) => new PeakEwmaRouter(o),
  "kl-ucb": (o) => new KlUcbRouter(o),
  "sw-ucb": (o) => new SwUcbRouter(o),
  "d-ucb": (o) => new DUcbRouter(o),
  exp3: (o) => new Exp3Router(o),
  linucb: (o) => new LinUcbRouter(o),
  "linear-thompson": (o) => new LinearThompsonRouter(o),
  "adaptive-pattern": (o) => new AdaptivePatternRouter(o),
};

/** The registry's names, as `createRouter` accepts them (`always:<backend>` is a pattern). */
export const STRATEGY_NAMES: readonly string[] = Object.freeze([
  ...Object.keys(FACTORIES),
  "always:<backend>",
]);

/**
 * The strategies that learn from outcomes, in registry order: every one that saves and loads
 * its state (see {@link isLearnable}), and exp3, which learns but keeps no saved form.
 */
export const LEARNING_STRATEGIES: readonly string[] = Object.freeze([
  "thompson",
  "epsilon-greedy",
  "ucb1",
  "kl-ucb",
  "sw-ucb",
  "d-ucb",
  "exp3",
  "linucb",
  "linear-thompson",
]);

/**
 * Creates a router by strategy name.
 *
 * @param spec a name from {@link STRATEGY_NAMES}, e.g. `thompson` or `always:qdrant`, or a
 *   name with options in the `--strategy` form, e.g. `linucb:alpha=0.5` (see
 *   {@link parseStrategySpec}; the spec's options override `options`)
 * @param options that strategy's options; every strategy accepts `rng` or `seed`, `backends`,
 *   `queryTypes` and `classifier`, and ignores options meant for others
 * @returns a fresh router
 * @throws {RoutingInputError} for an unknown name (the message lists the valid ones) or
 *   invalid options (the message names the field)
 * @example
 * const router = createRouter("thompson", { rng: createStream(42, "router"), coldStart: 10 });
 * const d = router.select({ type: "personal" }, { available: ["mem0", "qdrant"], now: 0 });
 */
export function createRouter<N extends keyof StrategyOptionsMap>(
  spec: N,
  options?: StrategyOptionsMap[N],
): StrategyRouterMap[N];
export function createRouter(spec: `always:${string}`, options?: BaseRouterOptions): AlwaysRouter;
export function createRouter(spec: string, options?: RouterOptions): Router;
export function createRouter(spec: string, options: RouterOptions = {}): Router {
  if (typeof options !== "object" || options === null) {
    throw new RoutingInputError("options", "must be an object");
  }
  if (typeof spec === "string" && spec.startsWith("always:")) {
    return new AlwaysRouter({ ...options, backend: spec.slice("always:".length) }, spec);
  }
  if (typeof spec === "string" && spec.includes(":")) {
    const parsed = parseStrategySpec(spec);
    try {
      return createRouter(parsed.name, { ...options, ...parsed.options });
    } catch (err) {
      // The router names the option; the spec names the strategy it was given to.
      if (err instanceof RoutingInputError) throw new RoutingInputError(spec, err.message);
      throw err;
    }
  }
  const factory = Object.hasOwn(FACTORIES, spec)
    ? (FACTORIES[spec as keyof StrategyOptionsMap] as (o: RouterOptions) => Router)
    : undefined;
  if (factory === undefined) {
    throw new RoutingInputError(
      "strategy",
      `unknown strategy ${JSON.stringify(spec)}; valid names: ${STRATEGY_NAMES.join(", ")}`,
    );
  }
  return factory(options);
}

/**
 * @param router any router
 * @returns whether it can save and load its learned state
 */
export function isLearnable(router: Router): router is LearnableRouter {
  const r = router as Partial<LearnableRouter>;
  return typeof r.save === "function" && typeof r.load === "function";
}
