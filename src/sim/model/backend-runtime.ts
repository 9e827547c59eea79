import { createStream, type RandomStream } from "../../random/index.js";
import type { CompiledScenario } from "./compiled-scenario.js";

/**
 * The random side of the backends for one run: samplers bound to streams derived from
 * (seed, repetition, purpose, backend), so a backend's draws never depend on other backends,
 * on strategies' choices elsewhere or on which worker runs the repetition.
 */
export class BackendRuntime {
  /** `latency[b][k]`: latency sampler of backend b in state k. */
  readonly latency: (() => number)[][];
  /** `relevance[b][k][ty]`: relevance sampler of backend b in state k for query type ty. */
  readonly relevance: (() => number)[][][];
  /** Per backend: failure draws and drift-ramp draws. */
  readonly chance: RandomStream[];
  /** Failure probability of backend b in state k, `failure[b][k]`. */
  readonly failure: Float64Array[];

  /**
   * @param compiled the scenario
   * @param seed the experiment's root seed
   * @param repetition the repetition index
   */
  constructor(compiled: CompiledScenario, seed: number, repetition: number) {
    this.latency = [];
    this.relevance = [];
    this.chance = [];
    this.failure = [];
    compiled.backends.forEach((id, b) => {
      const latencyStream = createStream(seed, repetition, "latency", id);
      const relevanceStream = createStream(seed, repetition, "relevance", id);
      const states = compiled.states[b];
      this.latency.push(states.map((s) => s.latency.sampler(latencyStream.source)));
      const threshold = compiled.scenario.slo.minRelevance;
      this.relevance.push(
        states.map((s) => s.relevance.map((r) => r.sampler(relevanceStream.source, threshold))),
      );
      this.chance.push(createStream(seed, repetition, "chance", id));
      this.failure.push(Float64Array.from(states, (s) => s.failureProbability));
    });
  }
}
