import { formatPatternSpec, toPatternSpec } from "../../patterns/spec.js";
import { createStream } from "../../random/stream.js";
import {
  runSimulation,
  type SimulationOptions,
  type SimulationResult,
} from "../run/run-simulation.js";
import { strategyName } from "../strategy/create-strategy.js";
import { DecisionLog } from "./decision-log.js";

/** Options of {@link runLoggedSimulation}: one run, as `runSimulation` takes it. */
export interface LoggedSimulationOptions extends Omit<SimulationOptions, "observe"> {
  /** Posterior draws per estimated propensity (Thompson sampling); default 1,000. */
  samples?: number;
}

/**
 * Runs one strategy for one repetition and logs its decisions. The result is the one
 * `runSimulation` gives for the same options: propensities are estimated on a stream of
 * their own, `createStream(seed, repetition, "trace-propensities", strategy)`.
 *
 * @param options as `runSimulation`, plus the draws per estimated propensity
 * @returns the run's result and its decision log (write it with `formatLoggedTrace`)
 * @throws as `runSimulation`
 * @example
 * const { log } = runLoggedSimulation({ scenario, strategy: "random", rounds: 10_000 });
 * writeFileAtomic("trace.csv", formatLoggedTrace(log, { minRelevance: scenario.slo.minRelevance }));
 */
export function runLoggedSimulation(options: LoggedSimulationOptions): {
  result: SimulationResult;
  log: DecisionLog;
} {
  const seed = options.seed ?? 42;
  const repetition = options.repetition ?? 0;
  const pattern = formatPatternSpec(toPatternSpec(options.pattern ?? "feed-forward"));
  const rng = createStream(seed, repetition, "trace-propensities", strategyName(options.strategy));
  let log: DecisionLog | undefined;
  const result = runSimulation({
    ...options,
    observe: ({ router }) => {
      log = new DecisionLog({ router, pattern, rng, samples: options.samples });
      return log;
    },
  });
  return { result, log: log as DecisionLog };
}
