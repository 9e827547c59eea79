/**
 * Execution patterns: how one routed query turns into backend requests. The engine's
 * patterns implement these; `parsePatternSpec` reads the CLI's compact form.
 */

/** One backend: the router's choice. */
export interface FeedForwardSpec {
  name: "feed-forward";
}

/**
 * Ask the router's choice; while the best relevance so far is below `threshold` (or the
 * request failed), ask the decision's next alternative, up to `maxIterations` requests.
 * Latency adds up; relevance is the best received.
 */
export interface RecursiveSpec {
  name: "recursive";
  /** Default: the scenario's `slo.minRelevance`. */
  threshold?: number;
  /** Default 3. */
  maxIterations?: number;
}

/**
 * Fan out to the router's choice and the next `fanout − 1` alternatives (`all`: every
 * available backend) and fuse the answers (relevance = the best answer received). The query
 * completes when every request is back (`all`), when `k` requests have succeeded (`first-k`;
 * or when all are back if fewer can), or at `deadlineMs` after arrival (`deadline`; or
 * earlier when all are back).
 */
export interface ParallelSpec {
  name: "parallel";
  /** Default `all`. */
  fanout?: number | "all";
  /** Default `all`. */
  rule?: "all" | "first-k" | "deadline";
  /** For `first-k`; default 1. */
  k?: number;
  /** For `deadline`; default the scenario's SLO latency. */
  deadlineMs?: number;
  /** Cancel requests still out when the query completes (the router's onCancel is called). */
  cancel?: boolean;
}

/**
 * A sequential pipeline: the router's choice, then the next `stages − 1` alternatives, each
 * after the previous one answers. Latency adds up; a failed stage breaks the pipeline;
 * the caller gets the final stage's answer.
 */
export interface ChainSpec {
  name: "chain";
  /** Default 2. */
  stages?: number;
}

/**
 * Send to the router's choice; if it has not answered after `delay`, send a backup to the
 * decision's first alternative (`backup: "alternative"`) or to the same backend
 * (`"same"`, a replica, as in The Tail at Scale). The first successful answer completes the
 * query. `delay` is in ms, or `pNN`: the primary backend's observed NN-th latency percentile
 * so far (no hedging until it has 20 observations). `cancel`: cancel the loser when the query
 * completes (with `delay: 0` this is the tied-request variant). The observed percentile only
 * sees requests that completed, as a production client would: with `cancel`, the primary's
 * slowest requests are cancelled unseen, so the estimate runs somewhat low.
 */
export interface HedgedSpec {
  name: "hedged";
  /** Default `p95`. */
  delay?: number | string;
  /** Default `alternative`. */
  backup?: "alternative" | "same";
  /** Default false. */
  cancel?: boolean;
}

/** Any execution pattern. */
export type PatternSpec = FeedForwardSpec | RecursiveSpec | ParallelSpec | ChainSpec | HedgedSpec;

/** The pattern names. */
export const PATTERN_NAMES = ["feed-forward", "recursive", "parallel", "chain", "hedged"] as const;

/** A pattern by name, or with options. */
export type PatternInput = PatternSpec | PatternSpec["name"] | string;

/**
 * Reads a pattern from its compact text form `name[:key=value,key=value]`, e.g.
 * `hedged:delay=p95,cancel=true`, `parallel:fanout=3,rule=first-k,k=1`,
 * `recursive:threshold=0.8,maxIterations=2`, `chain:stages=3`.
 *
 * @param text the compact form
 * @returns the spec
 * @throws {RangeError} naming the unknown pattern or the bad (or repeated) option
 * @example parsePatternSpec("parallel:rule=deadline,deadlineMs=50")
 */
export function parsePatternSpec(text: string): PatternSpec {
  const [name, rest] = splitOnce(text.trim(), ":");
  const options: Record<string, string> = {};
  if (rest !== undefined && rest !== "") {
    for (const part of rest.split(",")) {
      const [k, v] = splitOnce(part.trim(), "=");
      if (v === undefined || k === "")
        throw new RangeError(`pattern option "${part}" must be key=value`);
      // Which of two values was meant is unknowable: keeping either would hide the other.
      if (Object.hasOwn(options, k)) throw new RangeError(`pattern option ${k} is given twice`);
      options[k] = v;
    }
  }
  const num = (key: string): number | undefined => {
    const v = options[key];
    if (v === undefined) return undefined;
    const n = Number(v);
    if (v.trim() === "" || !Number.isFinite(n))
      throw new RangeError(`pattern option ${key} must be a number, got "${v}"`);
    return n;
  };
  const bool = (key: string): boolean | undefined => {
    const v = options[key];
    if (v === undefined) return undefined;
    if (v !== "true" && v !== "false")
      throw new RangeError(`pattern option ${key} must be true or false, got "${v}"`);
    return v === "true";
  };
  const allowed: Record<string, string[]> = {
    "feed-forward": [],
    recursive: ["threshold", "maxIterations"],
    parallel: ["fanout", "rule", "k", "deadlineMs", "cancel"],
    chain: ["stages"],
    hedged: ["delay", "backup", "cancel"],
  };
  if (!Object.hasOwn(allowed, name)) {
    throw new RangeError(`unknown pattern "${name}"; valid: ${PATTERN_NAMES.join(", ")}`);
  }
  for (const k of Object.keys(options)) {
    if (!allowed[name].includes(k)) {
      throw new RangeError(
        `pattern ${name} has no option "${k}"; valid: ${allowed[name].join(", ") || "none"}`,
      );
    }
  }
  let spec: PatternSpec;
  switch (name) {
    case "recursive":
      spec = { name, threshold: num("threshold"), maxIterations: num("maxIterations") };
      break;
    case "parallel":
      spec = {
        name,
        fanout: options.fanout === "all" ? "all" : num("fanout"),
        rule: options.rule as ParallelSpec["rule"],
        k: num("k"),
        deadlineMs: num("deadlineMs"),
        cancel: bool("cancel"),
      };
      break;
    case "chain":
      spec = { name, stages: num("stages") };
      break;
    case "hedged":
      spec = {
        name,
        // A number is a fixed delay in ms; anything else must be pNN (checked below).
        delay: isNumeric(options.delay) ? Number(options.delay) : options.delay,
        backup: options.backup as HedgedSpec["backup"],
        cancel: bool("cancel"),
      };
      break;
    default:
      spec = { name: "feed-forward" };
  }
  validatePatternSpec(spec);
  return dropUndefined(spec);
}

/**
 * Checks a pattern spec's options.
 *
 * @param spec the spec
 * @throws {RangeError} naming the bad option
 * @example validatePatternSpec({ name: "parallel", rule: "first-k", k: 2 })
 */
export function validatePatternSpec(spec: PatternSpec): void {
  const bad = (field: string, why: string): never => {
    throw new RangeError(`pattern ${spec.name}: ${field} ${why}`);
  };
  const positiveInt = (field: string, v: number | undefined) => {
    if (v !== undefined && !(Number.isInteger(v) && v >= 1))
      bad(field, `must be an integer ≥ 1, got ${v}`);
  };
  switch (spec.name) {
    case "feed-forward":
      return;
    case "recursive":
      if (spec.threshold !== undefined && !(spec.threshold >= 0 && spec.threshold <= 1)) {
        bad("threshold", `must be in [0, 1], got ${spec.threshold}`);
      }
      positiveInt("maxIterations", spec.maxIterations);
      return;
    case "parallel":
      if (spec.fanout !== "all") positiveInt("fanout", spec.fanout);
      if (spec.rule !== undefined && !["all", "first-k", "deadline"].includes(spec.rule)) {
        bad("rule", `must be all, first-k or deadline, got "${spec.rule}"`);
      }
      positiveInt("k", spec.k);
      if (spec.deadlineMs !== undefined && !(spec.deadlineMs > 0)) {
        bad("deadlineMs", `must be > 0, got ${spec.deadlineMs}`);
      }
      return;
    case "chain":
      positiveInt("stages", spec.stages);
      return;
    case "hedged":
      if (spec.delay !== undefined) hedgeDelay(spec.delay);
      if (spec.backup !== undefined && spec.backup !== "alternative" && spec.backup !== "same") {
        bad("backup", `must be alternative or same, got "${spec.backup}"`);
      }
      return;
    default:
      throw new RangeError(
        `unknown pattern "${(spec as { name: unknown }).name}"; valid: ${PATTERN_NAMES.join(", ")}`,
      );
  }
}

/**
 * Reads a hedge delay: a fixed number of ms, or `pNN` for an observed percentile.
 *
 * @param delay e.g. 25, "p95", "p99.9"
 * @returns `{ ms }` or `{ quantile }` (p95 → 0.95)
 * @throws {RangeError} on anything else
 * @example hedgeDelay("p99") // { quantile: 0.99 }
 */
export function hedgeDelay(delay: number | string): { ms: number } | { quantile: number } {
  if (typeof delay === "number") {
    if (!(delay >= 0 && Number.isFinite(delay))) {
      throw new RangeError(`pattern hedged: delay must be ≥ 0 ms or pNN, got ${delay}`);
    }
    return { ms: delay };
  }
  const m = /^p(\d+(?:\.\d+)?)$/.exec(delay);
  const q = m ? Number(m[1]) / 100 : Number.NaN;
  if (!(q > 0 && q < 1))
    throw new RangeError(`pattern hedged: delay must be ≥ 0 ms or pNN (e.g. p95), got "${delay}"`);
  return { quantile: q };
}

/**
 * Accepts a pattern as a name, a compact string or a spec.
 *
 * @param input e.g. `"hedged:delay=p95"` or `{ name: "parallel", rule: "first-k", k: 2 }`
 * @returns a validated spec
 * @throws {RangeError} for an unknown pattern or a bad option
 * @example toPatternSpec("recursive") // { name: "recursive" }
 */
export function toPatternSpec(input: PatternInput): PatternSpec {
  if (typeof input === "string") return parsePatternSpec(input);
  validatePatternSpec(input);
  return input;
}

function isNumeric(v: string | undefined): v is string {
  return v !== undefined && v.trim() !== "" && Number.isFinite(Number(v));
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * A short label of a spec, for reports: the compact text form.
 *
 * @param spec the spec
 * @returns e.g. `hedged:delay=p95,cancel=true`
 * @example formatPatternSpec({ name: "chain", stages: 3 }) // "chain:stages=3"
 */
export function formatPatternSpec(spec: PatternSpec): string {
  const opts = Object.entries(spec)
    .filter(([k, v]) => k !== "name" && v !== undefined)
    .map(([k, v]) => `${k}=${v}`);
  return opts.length === 0 ? spec.name : `${spec.name}:${opts.join(",")}`;
}
