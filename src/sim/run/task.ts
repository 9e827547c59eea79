import type { MessagePort } from "node:worker_threads";
import type { PatternSpec } from "../../patterns/spec.js";
import type { RouterOptions } from "../../routing/registry.js";
import type { Scenario } from "../scenario/spec.js";

/** One repetition of one strategy, as sent to a worker thread (structured-clonable). */
export interface SimulationTask {
  scenario: Scenario;
  strategy: string;
  pattern: PatternSpec;
  rounds: number;
  seed: number;
  repetition: number;
  points: number;
  routerOptions?: RouterOptions;
  profile: boolean;
  /** Receives `{ arrived }` progress messages (number of queries since the last message). */
  progress?: MessagePort;
}
