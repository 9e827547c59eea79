import type { RandomStream } from "../random/stream.js";
import { normalInterval, type OpeEstimate } from "./estimate.js";
import type { LoggedData } from "./logged-data.js";
import type { LearningPolicy } from "./policy.js";

/** Options of {@link replay}. */
export interface ReplayOptions {
  /** The learner's own random stream (Thompson's draws, ε-greedy's exploration). */
  rng: RandomStream;
  /** The stream that decides which rows rejection sampling keeps. */
  rejection: RandomStream;
}

/** What {@link replay} found. */
export interface ReplayResult extends OpeEstimate {
  /** Decisions on which the learner agreed with the log: the replayed steps. */
  steps: number;
  /** Decisions offered to the learner (all of them, or those rejection sampling kept). */
  offered: number;
  /** Whether rows were thinned by rejection sampling (logging was not uniform). */
  rejectionSampling: boolean;
}

/** Logging counts as uniform when every propensity is 1/|available| within this. */
const UNIFORM_TOLERANCE = 1e-9;

/**
 * The replay method (Li, Chu, Langford & Wang 2011) for a policy that learns. The logged
 * decisions are offered to a fresh learner in order; where it picks the logged backend, the
 * logged reward counts and the learner learns from that outcome; elsewhere the row is
 * skipped and the learner learns nothing. The value is the mean reward over the steps kept.
 *
 * - **Unbiased for uniform logging:** when the log chose uniformly among the available
 *   backends, the kept steps are distributed as the learner's own on-policy steps.
 * - **Other logging: rejection sampling.** With propensities μ_i, each row is first kept with
 *   probability (1/K_i) / (M μ_i), K_i the backends available and M = max_j (1/K_j)/μ_j,
 *   which turns the log into a uniformly logged one (every row is kept with probability
 *   1/M overall). Rows a logging policy never explores cannot be recovered.
 * - **About T/K steps:** of T decisions the learner agrees with about T/K (K backends), so it
 *   is evaluated as a learner that has seen T/K outcomes, not T; fewer still after
 *   rejection.
 *
 * Without propensities logging is taken to be uniform (the caller should say so). The
 * interval is the normal one from the kept rewards' sd, treating them as independent
 * (conditionally on the learner's history each is one draw of its choice's reward).
 *
 * @param data the logged decisions, in time order
 * @param policy the learning policy
 * @param options the learner's and the rejection sampler's streams
 * @returns the estimate, the steps replayed and whether rows were thinned
 * @example replay(data, parsePolicy("thompson") as LearningPolicy, { rng, rejection })
 */
export function replay(
  data: LoggedData,
  policy: LearningPolicy,
  options: ReplayOptions,
): ReplayResult {
  const learner = policy.create({
    rng: options.rng,
    backends: data.backends,
    queryTypes: data.types,
  });
  const names = data.sets.map((set) => set.map((b) => data.backends[b]));
  const keep = rejectionKeep(data);
  let steps = 0;
  let offered = 0;
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < data.n; i++) {
    if (keep !== undefined && options.rejection.next() >= keep[i]) continue;
    offered++;
    const type = data.types[data.type[i]];
    const d = learner.select({ type }, { available: names[data.set[i]] });
    if (d.backend !== data.backends[data.action[i]]) continue;
    const r = data.reward[i];
    const relevance = data.relevance[i];
    learner.record({
      decision: d,
      relevance: Number.isNaN(relevance) ? r : relevance,
      latencyMs: data.latencyMs[i],
      success: r === 1,
    });
    steps++;
    sum += r;
    squares += r * r;
  }
  const mean = steps > 0 ? sum / steps : Number.NaN;
  const variance = steps > 1 ? (squares - steps * mean * mean) / (steps - 1) : Number.NaN;
  return {
    ...normalInterval(mean, Math.sqrt(Math.max(0, variance) / steps)),
    steps,
    offered,
    rejectionSampling: keep !== undefined,
  };
}

/**
 * Each decision's probability of being kept by replay's rejection sampling:
 * (1/K_i) / (M μ_i), K_i the backends available, μ_i the propensity and
 * M = max_j (1/K_j)/μ_j, so that the kept decisions look uniformly logged.
 *
 * @param data the logged decisions
 * @returns the probabilities, or undefined when logging is uniform (every propensity is
 *   1/K within 1e-9) or some decision has no propensity: then every row is kept
 * @example rejectionKeep(data)?.[0] // 0.25 for a row logged with μ = 0.8 of 2, when another had 0.2
 */
export function rejectionKeep(data: LoggedData): Float64Array | undefined {
  if (data.missingPropensity > 0) return undefined;
  const ratio = new Float64Array(data.n);
  let uniform = true;
  let max = 0;
  for (let i = 0; i < data.n; i++) {
    const k = data.sets[data.set[i]].length;
    const mu = data.propensity[i];
    if (Math.abs(mu - 1 / k) > UNIFORM_TOLERANCE) uniform = false;
    ratio[i] = 1 / k / mu;
    if (ratio[i] > max) max = ratio[i];
  }
  if (uniform) return undefined;
  for (let i = 0; i < data.n; i++) ratio[i] /= max;
  return ratio;
}
