import { RoutingInputError } from "./errors.js";
import type { RouterOptions } from "./registry.js";

/** A strategy name with options, as read from `name:key=value,…`. */
export interface StrategySpec {
  /** The registry name, e.g. `linucb`. */
  name: string;
  /** The options the keys set, ready for `createRouter`. */
  options: RouterOptions;
}

/** How one option key's text becomes option fields. */
type KeyReader = (value: string, key: string, strategy: string) => Partial<RouterOptions>;

// Decimal only, as the CLI's number flags: Number() also reads "0x10", "" and "Infinity".
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

function number(value: string, key: string, strategy: string): number {
  if (!DECIMAL.test(value.trim())) {
    throw new RoutingInputError(strategy, `option ${key} must be a number, got "${value}"`);
  }
  return Number(value);
}

function integer(value: string, key: string, strategy: string): number {
  if (!INTEGER.test(value.trim()) || !Number.isSafeInteger(Number(value))) {
    throw new RoutingInputError(strategy, `option ${key} must be an integer, got "${value}"`);
  }
  return Number(value);
}

const num =
  (field: keyof RouterOptions): KeyReader =>
  (v, k, s) => ({ [field]: number(v, k, s) });
const int =
  (field: keyof RouterOptions): KeyReader =>
  (v, k, s) => ({ [field]: integer(v, k, s) });

/** `prior=α/β`: one Beta prior for every cell. */
const prior: KeyReader = (v, k, s) => {
  const parts = v.split("/");
  if (parts.length !== 2) {
    throw new RoutingInputError(s, `option ${k} must be α/β (e.g. 2.5/2.5), got "${v}"`);
  }
  return { priors: { alpha: number(parts[0], k, s), beta: number(parts[1], k, s) } };
};

const forgetting = { discount: num("discount"), window: int("window") };
const coldStart = { coldStart: int("coldStart") };
const linear = { lambda: num("lambda"), dimension: int("dimension"), hashSeed: int("hashSeed") };

/**
 * The keys each strategy accepts. Every key is documented in data/scenarios/README.md
 * ("Strategies and their options"); ranges are checked by the router's constructor, which
 * names the option.
 */
const KEYS: Readonly<Record<string, Readonly<Record<string, KeyReader>>>> = {
  "rule-based": {},
  random: {},
  "round-robin": {},
  "least-outstanding": {},
  oracle: {},
  "peak-ewma": {
    decayMs: num("decayMs"),
    failurePenaltyMs: num("failurePenaltyMs"),
    choices: (v) => ({ choices: v as RouterOptions["choices"] }),
  },
  thompson: { prior, ...forgetting, ...coldStart },
  "epsilon-greedy": {
    epsilon: num("epsilon"),
    initialValue: num("initialValue"),
    ...forgetting,
    ...coldStart,
  },
  ucb1: { exploration: num("exploration"), ...forgetting, ...coldStart },
  "kl-ucb": { c: num("c"), ...coldStart },
  "sw-ucb": { window: int("window"), xi: num("xi"), bound: num("bound"), ...coldStart },
  "d-ucb": { discount: num("discount"), xi: num("xi"), bound: num("bound"), ...coldStart },
  exp3: { gamma: num("gamma"), horizon: int("horizon") },
  linucb: { alpha: num("alpha"), ...linear },
  "linear-thompson": { v: num("v"), ...linear },
  // λ of the reward 1[SLO met] − λ · extra calls (the option field is callCost: linucb's
  // `lambda` is its ridge regulariser).
  "adaptive-pattern": {
    lambda: num("callCost"),
    maxExtraCalls: int("maxExtraCalls"),
    prior,
    ...coldStart,
  },
};

/**
 * The option keys a strategy accepts in its spec.
 *
 * @param name a registry name
 * @returns the keys, or undefined for an unknown name
 * @example strategyOptionKeys("linucb") // ["alpha", "lambda", "dimension", "hashSeed"]
 */
export function strategyOptionKeys(name: string): string[] | undefined {
  return Object.hasOwn(KEYS, name) ? Object.keys(KEYS[name]) : undefined;
}

/**
 * Reads a strategy with options from `name[:key=value,key=value]`, the syntax of
 * `--pattern` (e.g. `thompson:prior=2.5/2.5,discount=0.999`, `epsilon-greedy:epsilon=0.05`,
 * `linucb:alpha=0.5`). Each strategy accepts its own keys; values are decimal numbers
 * (integers where the option counts something), `prior` is α/β and peak-ewma's `choices` a
 * word. `always:<backend>` is a name, not options.
 *
 * @param text the spec
 * @returns the name and the options its keys set
 * @throws {RoutingInputError} naming the strategy and the key: an unknown strategy or key, a
 *   key given twice, a part that is not key=value, or a value that is not a number
 * @example parseStrategySpec("d-ucb:discount=0.995") // { name: "d-ucb", options: { discount: 0.995 } }
 */
export function parseStrategySpec(text: string): StrategySpec {
  const trimmed = text.trim();
  if (trimmed.startsWith("always:")) return { name: trimmed, options: {} };
  const colon = trimmed.indexOf(":");
  const name = (colon < 0 ? trimmed : trimmed.slice(0, colon)).trim();
  const rest = colon < 0 ? "" : trimmed.slice(colon + 1);
  const keys = KEYS[name];
  if (!Object.hasOwn(KEYS, name)) {
    throw new RoutingInputError(
      "strategy",
      `unknown strategy ${JSON.stringify(name)}; valid names: ${Object.keys(KEYS).join(", ")}, always:<backend>`,
    );
  }
  const options: RouterOptions = {};
  const seen = new Set<string>();
  if (rest.trim() !== "") {
    for (const part of rest.split(",")) {
      const eq = part.indexOf("=");
      const key = eq < 0 ? "" : part.slice(0, eq).trim();
      if (key === "") {
        throw new RoutingInputError(name, `option "${part}" must be key=value`);
      }
      const valid = Object.keys(keys);
      if (!Object.hasOwn(keys, key)) {
        throw new RoutingInputError(
          name,
          `has no option "${key}"; valid: ${valid.length > 0 ? valid.join(", ") : "none"}`,
        );
      }
      // Which of two values was meant is unknowable: keeping either would hide the other.
      if (seen.has(key)) throw new RoutingInputError(name, `option ${key} is given twice`);
      seen.add(key);
      Object.assign(options, keys[key](part.slice(eq + 1).trim(), key, name));
    }
  }
  return { name, options };
}
