/** Notebook 06: snapshots of a Thompson router's Beta posteriors during one run. */
import type { LearnedRouter } from "../../routing/learned.js";
import { createRouter } from "../../routing/registry.js";
import type {
  BackendId,
  Outcome,
  Query,
  Router,
  RouterStats,
  RoutingContext,
  RoutingDecision,
} from "../../routing/types.js";
import type { CompiledScenario } from "../../sim/model/compiled-scenario.js";
import { runSimulation } from "../../sim/run/run-simulation.js";
import type { Scenario } from "../../sim/scenario/spec.js";
import type { StrategyContext } from "../../sim/strategy/create-strategy.js";
import {
  BASELINE_SETTING,
  betaPrior,
  type PriorSetting,
  thompsonOptions,
} from "../../tuning/prior-setting.js";
import { forgettingOf } from "./forgetting.js";

/** One arm's Beta posterior at a checkpoint. */
export interface PosteriorArm {
  backend: BackendId;
  alpha: number;
  beta: number;
  /** Posterior mean α / (α + β). */
  mean: number;
  /** The arm's true success probability at that moment (the oracle's expected reward). */
  truth: number;
}

/** The posteriors of one query type's arms after a number of routed queries. */
export interface PosteriorSnapshot {
  /** Queries routed (of every type) before the snapshot. */
  queries: number;
  /** Virtual time of the snapshot, ms. */
  timeMs: number;
  arms: PosteriorArm[];
}

/** Options for {@link trackPosterior}. */
export interface PosteriorTrackOptions {
  scenario: Scenario;
  /** Prior and forgetting (default: Beta(1, 1), no forgetting). */
  setting?: PriorSetting;
  /** Shown in figures (default: derived from the setting). */
  label?: string;
  /** Whose bandit to watch. */
  queryType: string;
  /** Snapshot after this many routed queries, ascending; the last may equal the run's length. */
  checkpoints: readonly number[];
  /** Queries to run (default: the last checkpoint). */
  rounds?: number;
  seed: number;
  /** Repetition (default 0); with the seed it fixes the run. */
  repetition?: number;
}

/** A run's posterior snapshots. */
export interface PosteriorTrack {
  label: string;
  scenario: string;
  queryType: string;
  setting: PriorSetting;
  snapshots: PosteriorSnapshot[];
}

/** A readable name of a setting: its prior and its forgetting. */
export function describeSetting(setting: PriorSetting): string {
  const p = betaPrior(setting.strength, setting.mean);
  const g = (x: number) => String(Number(x.toPrecision(3)));
  const prior = `Beta(${g(p.alpha)}, ${g(p.beta)})`;
  const f = forgettingOf(setting);
  if (f.kind === "discount") return `${prior}, discount ${f.value}`;
  if (f.kind === "window") return `${prior}, window ${f.value}`;
  return `${prior}, no forgetting`;
}

/**
 * Passes decisions through to a Thompson router and, just before routing query number
 * `checkpoints[k]`, records the posteriors of one query type's arms with the arms' true
 * success probabilities at that moment.
 */
class PosteriorWatcher implements Router {
  readonly name: string;
  readonly snapshots: PosteriorSnapshot[] = [];
  private routed = 0;
  private next = 0;
  private lastNow = 0;

  constructor(
    private readonly inner: LearnedRouter,
    private readonly compiled: CompiledScenario,
    private readonly queryType: string,
    private readonly checkpoints: readonly number[],
  ) {
    this.name = inner.name;
  }

  snapshot(now: number): void {
    const c = this.compiled;
    const ty = c.typeIndex.get(this.queryType) as number;
    const arms = this.inner.posterior(this.queryType, c.backends).map((p) => ({
      backend: p.backend,
      alpha: p.alpha,
      beta: p.beta,
      mean: p.mean,
      truth: c.expectedReward(ty, c.backendIndex.get(p.backend) as number, now),
    }));
    this.snapshots.push({ queries: this.routed, timeMs: now, arms });
    this.next++;
  }

  /** Takes the snapshots still due (those at the run's end). */
  finish(): void {
    while (this.next < this.checkpoints.length && this.checkpoints[this.next] <= this.routed) {
      this.snapshot(this.lastNow);
    }
  }

  select(query: Query, context: RoutingContext): RoutingDecision {
    const now = context.now ?? this.lastNow;
    this.lastNow = now;
    while (this.next < this.checkpoints.length && this.checkpoints[this.next] === this.routed) {
      this.snapshot(now);
    }
    this.routed++;
    return this.inner.select(query, context);
  }

  record(outcome: Outcome): void {
    if (outcome.now !== undefined && outcome.now > this.lastNow) this.lastNow = outcome.now;
    this.inner.record(outcome);
  }

  onDispatch(backend: BackendId, now: number): void {
    (this.inner as Router).onDispatch?.(backend, now);
  }

  onCancel(backend: BackendId, now: number): void {
    (this.inner as Router).onCancel?.(backend, now);
  }

  stats(): RouterStats {
    return this.inner.stats();
  }
}

/**
 * Runs Thompson sampling once on a scenario and records the Beta posteriors of one query
 * type's arms at a few checkpoints, with each arm's true success probability at that moment.
 * The router is the one a sweep runs for this setting (same name, stream and options), so the
 * run is repetition `repetition` of that sweep cell.
 *
 * @param options scenario, setting, query type, checkpoints, rounds, seed
 * @returns the snapshots in checkpoint order
 * @throws {RangeError} when the query type is not in the scenario, or the checkpoints are not
 *   ascending non-negative integers within the run
 * @example trackPosterior({ scenario, queryType: "similarity", checkpoints: [1000, 5000], seed: 42 })
 */
export function trackPosterior(options: PosteriorTrackOptions): PosteriorTrack {
  const { scenario, queryType, checkpoints } = options;
  const setting = options.setting ?? { ...BASELINE_SETTING, byType: {} };
  if (!(queryType in scenario.workload.mix)) {
    throw new RangeError(
      `query type "${queryType}" is not in scenario "${scenario.name}" (it has ${Object.keys(scenario.workload.mix).join(", ")})`,
    );
  }
  const rounds = options.rounds ?? checkpoints[checkpoints.length - 1];
  const ascending = checkpoints.every(
    (c, i) => Number.isInteger(c) && c >= 0 && c <= rounds && (i === 0 || c > checkpoints[i - 1]),
  );
  if (checkpoints.length === 0 || !ascending) {
    throw new RangeError(
      `checkpoints must be ascending integers in [0, ${rounds}], got ${checkpoints.join(", ")}`,
    );
  }
  let watcher: PosteriorWatcher | undefined;
  const factory = (context: StrategyContext): Router => {
    const inner = createRouter("thompson", {
      ...thompsonOptions(setting),
      rng: context.rng,
      backends: context.compiled.backends,
      queryTypes: context.compiled.types,
    });
    watcher = new PosteriorWatcher(inner, context.compiled, queryType, checkpoints);
    return watcher;
  };
  // The sweep's runs use the registry name: the same name gives the same router stream.
  Object.defineProperty(factory, "name", { value: "thompson" });
  runSimulation({
    scenario,
    strategy: factory,
    rounds,
    seed: options.seed,
    repetition: options.repetition ?? 0,
    points: 2,
  });
  const w = watcher as PosteriorWatcher;
  w.finish();
  return {
    label: options.label ?? describeSetting(setting),
    scenario: scenario.name,
    queryType,
    setting,
    snapshots: w.snapshots,
  };
}
