import {
  createStream,
  GAMMA_CONSTANTS,
  gammaConstants,
  gammaFromConstants,
  type RandomStream,
  standardNormal,
} from "../../random/index.js";
import { compileDistribution } from "../distribution/compile.js";
import type { Distribution } from "../distribution/distribution.js";
import { lognormalParams } from "../distribution/lognormal.js";
import type { CompiledScenario } from "./compiled-scenario.js";

/**
 * The random side of the backends for one run: samplers bound to streams derived from
 * (seed, repetition, purpose, backend), so a backend's draws never depend on other backends,
 * on strategies' choices elsewhere or on which worker runs the repetition.
 */
export class BackendRuntime {
  /** `latency[b][k]`: latency sampler of backend b in state k. */
  readonly latency: (() => number)[][];
  /** `relevance[b][k][row]`: relevance sampler of backend b in state k for reward row `row` (the query type unless the scenario is contextual). */
  readonly relevance: (() => number)[][][];
  /** Per backend: failure draws and drift-ramp draws. */
  readonly chance: RandomStream[];
  /** Failure probability of backend b in state k, `failure[b][k]`. */
  readonly failure: Float64Array[];

  /**
   * @param compiled the scenario
   * @param seed the experiment's root seed
   * @param repetition the repetition index
   * @param purpose a prefix for the streams' purposes ("" for a run; the oracle's tables use
   *   their own, so building them never moves a run's streams)
   */
  constructor(compiled: CompiledScenario, seed: number, repetition: number, purpose = "") {
    this.latency = [];
    this.relevance = [];
    this.chance = [];
    this.failure = [];
    compiled.backends.forEach((id, b) => {
      const latencyStream = createStream(seed, repetition, `${purpose}latency`, id);
      const relevanceStream = createStream(seed, repetition, `${purpose}relevance`, id);
      const states = compiled.states[b];
      this.latency.push(states.map((s) => latencySampler(s.latency, latencyStream)));
      const threshold = compiled.scenario.slo.minRelevance;
      this.relevance.push(
        compiled.rowRelevance[b].map((rows) =>
          rows.map((r) => r.sampler(relevanceStream.source, threshold)),
        ),
      );
      this.chance.push(createStream(seed, repetition, `${purpose}chance`, id));
      this.failure.push(Float64Array.from(states, (s) => s.failureProbability));
    });
  }
}

/**
 * The engine's latency sampler for a distribution: the distribution's own (d3-random) sampler,
 * except for log-normals and gammas (also inside mixtures): a log-normal is drawn as
 * shift + exp(μ + σ·z) with a ziggurat normal z from the same stream, a gamma as
 * shift + scale · Gamma(shape) by the Marsaglia–Tsang sampler Thompson sampling uses.
 *
 * Why: d3-random's normal is the polar method (two uniforms, a log and a square root per
 * pair, its cached spare kept in a closure) and costs ≈ 97 ns per log-normal draw on the
 * project machine against ≈ 47 ns here; most backends of the default scenario are
 * log-normal, so this is ≈ 4 % of a simulated query. d3-random's gamma draws its normals
 * the same way. Same distributions, different draws.
 *
 * @param dist the compiled distribution
 * @param stream the backend's latency stream
 * @returns a sampler drawing from `stream`
 * @example latencySampler(compileDistribution({ type: "lognormal", median: 45, p99: 400 }), createStream(1, "latency"))()
 */
export function latencySampler(dist: Distribution, stream: RandomStream): () => number {
  const spec = dist.spec;
  if (spec.type === "lognormal") {
    const { mu, sigma } = lognormalParams(spec);
    const shift = spec.shift ?? 0;
    return () => shift + Math.exp(mu + sigma * standardNormal(stream));
  }
  if (spec.type === "gamma") {
    const { shape, scale } = spec;
    const shift = spec.shift ?? 0;
    const k = new Float64Array(GAMMA_CONSTANTS);
    gammaConstants(shape, k, 0);
    return () => shift + scale * gammaFromConstants(stream, k, 0);
  }
  if (
    spec.type === "mixture" &&
    spec.components.some(
      (c) => c.distribution.type === "lognormal" || c.distribution.type === "gamma",
    )
  ) {
    // As mixtureDistribution: pick a component by one uniform, then draw from it.
    const total = spec.components.reduce((sum, c) => sum + c.weight, 0);
    const cumulative = new Float64Array(spec.components.length);
    let acc = 0;
    spec.components.forEach((c, i) => {
      acc += c.weight / total;
      cumulative[i] = acc;
    });
    const last = cumulative.length - 1;
    cumulative[last] = 1;
    const draws = spec.components.map((c) =>
      latencySampler(compileDistribution(c.distribution), stream),
    );
    return () => {
      const u = stream.next();
      let i = 0;
      while (i < last && u >= cumulative[i]) i++;
      return draws[i]();
    };
  }
  return dist.sampler(stream.source);
}
