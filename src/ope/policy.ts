import type { RandomStream } from "../random/stream.js";
import { createRouter } from "../routing/registry.js";
import type { Router } from "../routing/types.js";
import { OpeInputError } from "./errors.js";

/**
 * A policy that does not learn: for a query type and the backends available, a fixed
 * probability for each. IPS, SNIPS, DM and DR estimate its value.
 */
export interface FixedPolicy {
  kind: "fixed";
  name: string;
  /** The backend the policy is named for (`always:<backend>`), which the trace must know. */
  backend?: string;
  /**
   * @param type the query type
   * @param available the backends it may choose from
   * @returns one probability per available backend, summing to 1
   */
  probabilities(type: string, available: readonly string[]): number[];
}

/** A policy that learns from outcomes: evaluated by replay. */
export interface LearningPolicy {
  kind: "learning";
  name: string;
  /**
   * @param options the learner's random stream, and the backends and types to know up front
   * @returns a fresh learner
   */
  create(options: {
    rng: RandomStream;
    backends: readonly string[];
    queryTypes: readonly string[];
  }): Router;
}

/** A policy to evaluate from a trace. */
export type TargetPolicy = FixedPolicy | LearningPolicy;

/** The policy names {@link parsePolicy} accepts, for messages and `--help`. */
export const POLICY_NAMES: readonly string[] = [
  "rule-based",
  "always:<backend>",
  "random",
  "epsilon:<ε>:<fixed policy>",
  "thompson",
  "epsilon-greedy",
  "ucb1",
];

const FIXED = new Set(["rule-based", "random"]);
const LEARNING = new Set(["thompson", "epsilon-greedy", "ucb1"]);
/** Registry strategies whose choice depends on what a trace does not record. */
const UNSUPPORTED: Record<string, string> = {
  "round-robin": "its choice depends on the turn order of all queries, not on the query",
  "least-outstanding": "its choice depends on requests in flight, which a trace does not record",
  "peak-ewma": "its choice depends on requests in flight, which a trace does not record",
  oracle: "the oracle knows the simulator's truth, which a trace does not hold",
};

/**
 * Parses a policy name:
 * - fixed: `rule-based`, `always:<backend>`, `random` (uniform over the available backends),
 *   and `epsilon:<ε>:<fixed policy>` (with probability ε a uniformly random available
 *   backend, otherwise the fixed policy's choice; e.g. `epsilon:0.1:rule-based`);
 * - learning, evaluated by replay: `thompson`, `epsilon-greedy`, `ucb1` (default options).
 *
 * @param name the policy's name
 * @returns the policy
 * @throws {OpeInputError} for an unknown name, a bad ε, or a strategy a trace cannot evaluate
 * @example parsePolicy("epsilon:0.2:always:qdrant").probabilities("similarity", ["neo4j", "qdrant"]) // [0.1, 0.9]
 */
export function parsePolicy(name: string): TargetPolicy {
  const spec = name.trim();
  if (LEARNING.has(spec)) {
    return {
      kind: "learning",
      name: spec,
      create: ({ rng, backends, queryTypes }) => createRouter(spec, { rng, backends, queryTypes }),
    };
  }
  if (FIXED.has(spec) || spec.startsWith("always:")) {
    if (spec === "always:") {
      throw new OpeInputError(`--policy always:<backend> needs a backend id, e.g. always:qdrant`);
    }
    // Fixed strategies draw nothing for their probabilities: the stream is never used.
    const router = createRouter(spec, { seed: 0 });
    return {
      kind: "fixed",
      name: spec,
      ...(spec.startsWith("always:") ? { backend: spec.slice("always:".length) } : {}),
      probabilities: (type, available) => router.probabilities!({ type }, { available }),
    };
  }
  if (spec.startsWith("epsilon:")) return epsilonPolicy(spec);
  if (Object.hasOwn(UNSUPPORTED, spec)) {
    throw new OpeInputError(
      `--policy ${spec} cannot be evaluated from a trace: ${UNSUPPORTED[spec]}`,
    );
  }
  throw new OpeInputError(
    `--policy: unknown policy ${JSON.stringify(name)}; valid: ${POLICY_NAMES.join(", ")}`,
  );
}

/** `epsilon:<ε>:<fixed policy>`: the fixed policy mixed with uniform exploration. */
function epsilonPolicy(spec: string): FixedPolicy {
  const rest = spec.slice("epsilon:".length);
  const colon = rest.indexOf(":");
  const text = colon < 0 ? rest : rest.slice(0, colon);
  const epsilon = Number(text);
  if (colon < 0 || text.trim() === "" || !(epsilon >= 0 && epsilon <= 1)) {
    throw new OpeInputError(
      `--policy ${spec}: expected epsilon:<ε in [0, 1]>:<fixed policy>, e.g. epsilon:0.1:rule-based`,
    );
  }
  const base = parsePolicy(rest.slice(colon + 1));
  if (base.kind !== "fixed") {
    throw new OpeInputError(`--policy ${spec}: ${base.name} learns; mix ε with a fixed policy`);
  }
  return {
    kind: "fixed",
    name: spec,
    backend: base.backend,
    probabilities: (type, available) => {
      const n = available.length;
      return base.probabilities(type, available).map((p) => (1 - epsilon) * p + epsilon / n);
    },
  };
}
