import { BaseRouter, type BaseRouterOptions } from "./base-router.js";
import { Decision } from "./decision.js";
import { DEFAULT_FALLBACK_ORDER, DEFAULT_TYPE_BACKENDS } from "./defaults.js";
import { RoutingInputError } from "./errors.js";
import type { BackendId, Outcome, Query, QueryType, RoutingContext } from "./types.js";

/** Options of the `rule-based` strategy. */
export interface RuleBasedOptions extends BaseRouterOptions {
  /** Preferred backend per query type; default the old map (unknown → qdrant). */
  typeMap?: Readonly<Record<QueryType, BackendId>>;
  /** Tried in order when the preferred backend is unavailable; default qdrant, neo4j, mem0, inmemory. */
  fallbackOrder?: readonly BackendId[];
}

// Why the decision's `note` is a number: it records how the backend was chosen without
// allocating; the reason sentence is built from it only when read.
const PREFERRED = 0;
const FALLBACK = 1;
const FIRST_AVAILABLE = 2;

/**
 * The old system's rule-based router: classify the query, take the type's preferred backend,
 * else the first available backend in the fallback order, else the first available one.
 * Confidence is 0.8, or 0.5 for the fallback (unknown) type. Alternatives are the other
 * available backends in fallback order.
 *
 * @example
 * const r = new RuleBasedRouter();
 * r.select({ text: "who knows Bob?" }, { available: DEFAULT_BACKENDS }).backend // "neo4j"
 */
export class RuleBasedRouter extends BaseRouter {
  private preferred: Int32Array; // per type index: backend index or −1
  private readonly typeMapNames: Readonly<Record<QueryType, BackendId>>;
  private readonly fallback: Int32Array;
  private readonly unknownName: QueryType;
  // Cached per type: chosen backend, how, and alternatives, valid while avail.version is.
  private cacheVersion = -1;
  private cacheChoice = new Int32Array(0);
  private cacheHow = new Int32Array(0);
  private cacheAlts: (readonly BackendId[] | undefined)[] = [];

  /**
   * @param options type map, fallback order and shared options
   * @param name the strategy name decisions carry (default `rule-based`)
   * @throws {RoutingInputError} when the map or fallback order holds a non-string
   */
  constructor(options: RuleBasedOptions = {}, name = "rule-based") {
    super(name, options);
    const map = options.typeMap ?? DEFAULT_TYPE_BACKENDS;
    for (const [type, backend] of Object.entries(map)) {
      if (typeof backend !== "string" || backend === "") {
        throw new RoutingInputError(`typeMap.${type}`, "must be a backend id");
      }
    }
    this.typeMapNames = map;
    const order = options.fallbackOrder ?? DEFAULT_FALLBACK_ORDER;
    order.forEach((b, i) => {
      if (typeof b !== "string" || b === "") {
        throw new RoutingInputError(`fallbackOrder[${i}]`, "must be a backend id");
      }
    });
    this.fallback = Int32Array.from(order, (b) => this.backends.intern(b));
    this.unknownName = this.classifier.fallbackType;
    this.preferred = new Int32Array(0);
  }

  /**
   * @param query `type`, or `text` to classify
   * @param context the available backends
   * @returns the decision
   * @throws {RoutingInputError} when `available` is empty
   */
  select(query: Query, context: RoutingContext): Decision {
    const t = this.typeOf(query);
    const choice = this.choiceOf(t, context);
    this.decisions++;
    const type = this.types.names[t];
    return new Decision(
      this.backends.names[choice],
      type === this.unknownName ? 0.5 : 0.8,
      type,
      this.name,
      this,
      this.avail.list,
      undefined,
      this.cacheHow[t],
      this.cacheAlts[t],
    );
  }

  /** Certain: the preferred, fallback or first available backend. */
  probabilities(query: Query, context: RoutingContext): number[] {
    return this.certain(this.choiceOf(this.typeOf(query), context));
  }

  /** The backend index chosen for type index t under this availability (cached). */
  private choiceOf(t: number, context: RoutingContext): number {
    this.avail.resolve(context.available, this.backends);
    if (this.cacheVersion !== this.avail.version || t >= this.cacheChoice.length) this.reset();
    const choice = this.cacheChoice[t];
    return choice < 0 ? this.choose(t) : choice;
  }

  /** Rule-based routing learns nothing; the outcome is validated and counted. */
  record(outcome: Outcome): void {
    this.acceptOutcome(outcome);
  }

  explain(d: Decision): string {
    const wanted = this.typeMapNames[d.queryType] ?? this.typeMapNames[this.unknownName];
    const head = `Query type "${d.queryType}"`;
    if (d.note === PREFERRED) {
      return `${head} prefers ${d.backend}, which is available (confidence ${d.confidence}).`;
    }
    const missing =
      wanted === undefined ? "has no preferred backend" : `prefers ${wanted}, unavailable`;
    if (d.note === FALLBACK)
      return `${head} ${missing}; ${d.backend} is first in the fallback order.`;
    return `${head} ${missing} and no fallback backend is available; ${d.backend} is the first available.`;
  }

  protected override details(): Record<string, unknown> {
    return { typeMap: { ...this.typeMapNames }, fallbackOrder: this.fallback.length };
  }

  /** Invalidates the per-type cache after availability or the type set changed. */
  private reset(): void {
    const nt = this.types.size;
    this.cacheVersion = this.avail.version;
    this.cacheChoice = new Int32Array(nt).fill(-1);
    this.cacheHow = new Int32Array(nt);
    this.cacheAlts = new Array(nt).fill(undefined);
    if (this.preferred.length < nt) {
      const unknownPref = this.typeMapNames[this.unknownName];
      this.preferred = Int32Array.from(this.types.names, (type) => {
        const b = this.typeMapNames[type] ?? unknownPref;
        return b === undefined ? -1 : this.backends.intern(b);
      });
    }
  }

  /** Computes and caches the choice and alternatives for type t under current availability. */
  private choose(t: number): number {
    const { idx, n } = this.avail;
    const has = (b: number) => {
      for (let i = 0; i < n; i++) if (idx[i] === b) return true;
      return false;
    };
    let choice = -1;
    let how = PREFERRED;
    const pref = this.preferred[t];
    if (pref >= 0 && has(pref)) choice = pref;
    else {
      how = FALLBACK;
      for (const b of this.fallback) {
        if (has(b)) {
          choice = b;
          break;
        }
      }
      if (choice < 0) {
        how = FIRST_AVAILABLE;
        choice = idx[0];
      }
    }
    // Alternatives: the rest of the fallback order, then the remaining available backends.
    const alts: BackendId[] = [];
    const push = (b: number) => {
      const name = this.backends.names[b];
      if (b !== choice && !alts.includes(name)) alts.push(name);
    };
    for (const b of this.fallback) if (has(b)) push(b);
    for (let i = 0; i < n; i++) push(idx[i]);
    this.cacheChoice[t] = choice;
    this.cacheHow[t] = how;
    this.cacheAlts[t] = Object.freeze(alts);
    return choice;
  }
}
