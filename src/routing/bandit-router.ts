import { ArmTable, type ForgettingOptions } from "./arm-table.js";
import { BaseRouter, type BaseRouterOptions } from "./base-router.js";
import { Decision } from "./decision.js";
import { RoutingInputError } from "./errors.js";
import type { BetaPrior } from "./priors.js";
import { UNIFORM_PRIOR } from "./priors.js";
import {
  type RewardFunction,
  type RewardOption,
  rewardFunction,
  type SuccessOption,
  successRule,
} from "./reward.js";
import { RuleBasedRouter } from "./rule-based.js";
import {
  type LegacyParams,
  parseSavedParams,
  SAVED_FORMAT,
  type SavedParams,
} from "./saved-params.js";
import {
  type BackendId,
  DEFAULT_BACKENDS,
  type LearnableRouter,
  type Outcome,
  type ProbabilityOptions,
  type Query,
  type QueryType,
  type RoutingContext,
} from "./types.js";

/** Options shared by the learning strategies (`thompson`, `epsilon-greedy`, `ucb1`). */
export interface BanditOptions extends BaseRouterOptions, ForgettingOptions {
  /** What counts as a success; default relevance > 0.7 and latency < 2000 ms. */
  success?: SuccessOption;
  /** What the bandit learns; default `{ kind: "success" }`. */
  reward?: RewardOption;
  /** Follow the rule-based choice for a query type until it has this many outcomes; default 0. */
  coldStart?: number;
  /** The rule-based map followed during cold start (default the old map). */
  typeMap?: Readonly<Record<QueryType, BackendId>>;
  /** The rule-based fallback order followed during cold start (default the old order). */
  fallbackOrder?: readonly BackendId[];
}

/** Options of {@link BanditRouter.load}. */
export interface LoadOptions {
  /** Backend order of the old `bandit_params.json` arrays; default the five defaults. */
  legacyBackendOrder?: readonly BackendId[];
  /** Names the origin (e.g. a file path) in error messages; default `params`. */
  source?: string;
}

/**
 * Shared machinery of the learning strategies: one bandit per query type over a table of
 * reward sums, validated outcomes, a configurable reward, forgetting, cold start and JSON
 * save/load (also of the old `bandit_params.json` layout). Subclasses only choose.
 */
export abstract class BanditRouter extends BaseRouter implements LearnableRouter {
  protected readonly table: ArmTable;
  protected readonly reward: RewardFunction;
  protected readonly coldStart: number;
  private readonly rules: RuleBasedRouter | undefined;

  /**
   * @param name the strategy name
   * @param options shared bandit options
   * @param prior the prior of a (type, backend) cell, for Bayesian bandits
   * @throws {RoutingInputError} on invalid options
   */
  constructor(
    name: string,
    options: BanditOptions,
    prior?: (type: QueryType, backend: BackendId) => BetaPrior,
  ) {
    super(name, options);
    this.reward = rewardFunction(options.reward, successRule(options.success));
    const coldStart = options.coldStart ?? 0;
    if (!(Number.isInteger(coldStart) && coldStart >= 0)) {
      throw new RoutingInputError("coldStart", `must be an integer ≥ 0, got ${coldStart}`);
    }
    this.coldStart = coldStart;
    this.rules =
      coldStart > 0
        ? new RuleBasedRouter(
            {
              typeMap: options.typeMap,
              fallbackOrder: options.fallbackOrder,
              backends: options.backends,
              queryTypes: options.queryTypes,
              classifier: this.classifier,
            },
            name,
          )
        : undefined;
    this.table = new ArmTable(
      options,
      prior && ((t, b) => prior(this.types.names[t], this.backends.names[b])),
    );
    this.table.ensure(this.types.size, this.backends.size);
  }

  /**
   * @param query `type`, or `text` to classify
   * @param context the available backends (never empty) and, optionally, the time
   * @returns the decision
   * @throws {RoutingInputError} when `available` is empty
   */
  select(query: Query, context: RoutingContext): Decision {
    const t = this.typeRow(query, context);
    this.decisions++;
    if (this.table.seen[t] < this.coldStart) return this.followRules(t, context);
    return this.choose(t);
  }

  /**
   * See {@link Router.probabilities}: during cold start the rule-based choice, certain.
   * @param query `type`, or `text` to classify
   * @param context the available backends
   * @param options the stream and draws of a sampled estimate (Thompson sampling)
   * @returns one probability per available backend, in the context's order
   */
  probabilities(query: Query, context: RoutingContext, options: ProbabilityOptions = {}): number[] {
    const t = this.typeRow(query, context);
    if (this.table.seen[t] < this.coldStart) {
      return this.rules!.probabilities({ type: this.types.names[t] }, context);
    }
    return this.chances(t, options);
  }

  /** Resolves the query's type row and the available set, and sizes the table. */
  private typeRow(query: Query, context: RoutingContext): number {
    const t = this.typeOf(query);
    this.avail.resolve(context.available, this.backends);
    const table = this.table;
    if (table.rows < this.types.size || table.cols < this.backends.size) {
      table.ensure(this.types.size, this.backends.size);
    }
    return t;
  }

  /** Chooses among `this.avail` for type row `t` (the table is sized). */
  protected abstract choose(t: number): Decision;

  /** The probabilities of {@link BanditRouter.choose} for type row `t`, changing nothing. */
  protected abstract chances(t: number, options: ProbabilityOptions): number[];

  /**
   * Learns from an outcome.
   * @throws {RoutingInputError} on NaN or negative relevance or latency (nothing is changed)
   */
  record(outcome: Outcome): void {
    const b = this.acceptOutcomeIndices(outcome);
    const t = this.outcomeT;
    const r = this.reward(outcome);
    const table = this.table;
    if (table.rows <= t || table.cols <= b) table.ensure(this.types.size, this.backends.size);
    table.add(t, b, r);
    this.recorded(t, b);
  }

  /** Called after an outcome changed cell (t, b) of the table: for caches of derived values. */
  protected recorded(_t: number, _b: number): void {}

  /**
   * The learned state as JSON-ready data (reward sums, not priors).
   * @returns parameters that {@link BanditRouter.load} accepts
   */
  save(): SavedParams {
    const { table } = this;
    const backends = this.backends.names.slice();
    const types: SavedParams["types"] = {};
    this.types.names.forEach((type, t) => {
      const row = (a: Float64Array) =>
        backends.map((_, b) => (t < table.rows && b < table.cols ? a[t * table.stride + b] : 0));
      types[type] = {
        successes: row(table.succ),
        failures: row(table.fail),
        outcomes: t < table.rows ? table.seen[t] : 0,
        ...(table.window > 0 ? { window: table.windowOf(t) } : {}),
      };
    });
    return {
      format: SAVED_FORMAT,
      version: 1,
      strategy: this.name,
      backends,
      queryTypes: this.types.names.slice(),
      types,
    };
  }

  /**
   * Replaces the learned state with saved parameters: this library's format, or the old
   * system's `bandit_params.json` (per query type, `alpha` and `beta` arrays in backend order;
   * the arrays are read as posteriors, so reward sums = α − prior α, β − prior β). Backends
   * missing from the file start at the prior. Everything is validated before any state
   * changes.
   *
   * @param params parsed JSON
   * @param options the old layout's backend order; a source name for errors
   * @throws {RoutingInputError} naming the bad field; the router is then unchanged
   */
  load(params: unknown, options: LoadOptions = {}): void {
    const source = options.source ?? "params";
    const parsed = parseSavedParams(params, source);
    const cells: { type: string; backend: string; succ: number; fail: number }[] = [];
    const seen = new Map<string, number>();
    const windows = new Map<string, [string, number][]>();
    if (parsed.kind === "saved") {
      const p = parsed.params;
      for (const [type, row] of Object.entries(p.types)) {
        for (const key of ["successes", "failures"] as const) {
          if (row[key].length !== p.backends.length) {
            throw new RoutingInputError(
              `${source}.types.${type}.${key}`,
              `has ${row[key].length} entries, expected one per backend (${p.backends.length})`,
            );
          }
        }
        row.window?.forEach(([b], i) => {
          if (b >= p.backends.length) {
            throw new RoutingInputError(
              `${source}.types.${type}.window.${i}`,
              `backend index ${b} is out of range (${p.backends.length} backends)`,
            );
          }
        });
        p.backends.forEach((backend, b) => {
          // Sums may be negative (tuned priors below 1 are saved as α − 1), but the posterior
          // prior + sum must stay a proper Beta: a shape ≤ 0 cannot be sampled.
          const prior = this.cellPrior(type, backend);
          const shapes = [
            ["successes", "α", prior.alpha, row.successes[b]],
            ["failures", "β", prior.beta, row.failures[b]],
          ] as const;
          for (const [key, name, base, sum] of shapes) {
            if (!(base + sum > 0)) {
              throw new RoutingInputError(
                `${source}.types.${type}.${key}.${b}`,
                `gives ${name} = ${base} + ${sum} ≤ 0 with this router's prior; a Beta shape must be > 0`,
              );
            }
          }
          cells.push({ type, backend, succ: row.successes[b], fail: row.failures[b] });
        });
        seen.set(type, row.outcomes);
        if (row.window)
          windows.set(
            type,
            row.window.map(([b, r]) => [p.backends[b], r]),
          );
      }
    } else {
      const order = options.legacyBackendOrder ?? DEFAULT_BACKENDS;
      for (const [type, row] of Object.entries(parsed.params as LegacyParams)) {
        if (row.alpha.length !== row.beta.length) {
          throw new RoutingInputError(
            `${source}.${type}`,
            `alpha has ${row.alpha.length} entries but beta has ${row.beta.length}`,
          );
        }
        if (row.alpha.length > order.length) {
          throw new RoutingInputError(
            `${source}.${type}.alpha`,
            `has ${row.alpha.length} entries but the legacy backend order names only ${order.length} (${order.join(", ")})`,
          );
        }
        let n = 0;
        row.alpha.forEach((alpha, b) => {
          const prior = this.cellPrior(type, order[b]);
          const succ = alpha - prior.alpha;
          const fail = row.beta[b] - prior.beta;
          n += succ + fail;
          cells.push({ type, backend: order[b], succ, fail });
        });
        seen.set(type, Math.max(0, Math.round(n)));
      }
    }
    // Validated: now apply (nothing below can throw on the input).
    const table = this.table;
    table.clear();
    for (const c of cells) {
      this.types.intern(c.type);
      this.backends.intern(c.backend);
    }
    table.ensure(this.types.size, this.backends.size);
    for (const c of cells) {
      const t = this.types.find(c.type);
      const i = t * table.stride + this.backends.find(c.backend);
      table.succ[i] = c.succ;
      table.fail[i] = c.fail;
      table.total[t] += c.succ + c.fail;
    }
    for (const [type, n] of seen) table.seen[this.types.find(type)] = n;
    table.touchAll();
    if (table.window > 0) {
      for (const [type, entries] of windows) {
        table.restoreWindow(
          this.types.find(type),
          entries.map(([b, r]) => [this.backends.find(b), r] as const),
        );
      }
    }
  }

  /**
   * A cell's prior: what the old layout's α, β are measured against, and what saved sums are
   * added to (Beta(1, 1) unless the bandit is Bayesian).
   */
  protected cellPrior(_type: QueryType, _backend: BackendId): BetaPrior {
    return UNIFORM_PRIOR;
  }

  /** Reward sums and means per query type and backend (types with outcomes only). */
  protected override details(): Record<string, unknown> {
    const { table } = this;
    const out: Record<string, unknown> = {};
    for (let t = 0; t < table.rows; t++) {
      if (table.seen[t] === 0 && table.total[t] === 0) continue;
      const row: Record<string, { successes: number; failures: number; mean: number }> = {};
      for (let b = 0; b < table.cols; b++) {
        const s = table.succ[t * table.stride + b];
        const f = table.fail[t * table.stride + b];
        row[this.backends.names[b]] = {
          successes: s,
          failures: f,
          mean: s + f > 0 ? s / (s + f) : 0,
        };
      }
      out[this.types.names[t]] = { outcomes: table.seen[t], backends: row };
    }
    return { byType: out };
  }

  /** A cold-start decision: the rule-based choice, labelled with this strategy. */
  private followRules(t: number, context: RoutingContext): Decision {
    const d = this.rules!.select({ type: this.types.names[t] }, context);
    return new Decision(
      d.backend,
      d.confidence,
      d.queryType,
      this.name,
      this,
      this.avail.list,
      undefined,
      `cold:${this.table.seen[t]}`,
      d.alternatives,
    );
  }

  /** The reason for a cold-start decision, or undefined for others. */
  protected coldReason(d: Decision): string | undefined {
    if (typeof d.note !== "string" || !d.note.startsWith("cold:")) return undefined;
    return `Cold start: query type "${d.queryType}" had ${d.note.slice(5)} of ${this.coldStart} outcomes, so ${this.name} follows the rule-based choice, ${d.backend}.`;
  }
}
