import type { PatternSpec } from "../../patterns/spec.js";
import { Chain } from "./chain.js";
import { FeedForward } from "./feed-forward.js";
import { Hedged } from "./hedged.js";
import { Parallel } from "./parallel.js";
import { Recursive } from "./recursive.js";
import type { PatternHost, PatternRunner } from "./runner.js";

/**
 * Builds the runner of a validated pattern spec for one engine.
 *
 * @param spec the pattern
 * @param host the engine it runs in
 * @returns the runner
 */
export function createPatternRunner(spec: PatternSpec, host: PatternHost): PatternRunner {
  switch (spec.name) {
    case "feed-forward":
      return new FeedForward(host);
    case "recursive":
      return new Recursive(host, spec);
    case "parallel":
      return new Parallel(host, spec);
    case "chain":
      return new Chain(host, spec);
    case "hedged":
      return new Hedged(host, spec);
  }
}
