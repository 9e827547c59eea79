/** Notebook 06: snapshots of a Thompson router's Beta posteriors during one run. */
import { type PosteriorSnapshot, PosteriorWatcher } from "../../routing/posterior-watcher.js";
import { createRouter } from "../../routing/registry.js";
import type { Router } from "../../routing/types.js";
import { runSimulation } from "../../sim/run/run-simulation.js";
import { resolveScenario } from "../../sim/scenario/resolve.js";
import type { Scenario } from "../../sim/scenario/spec.js";
import type { StrategyContext } from "../../sim/strategy/create-strategy.js";
import {
  BASELINE_SETTING,
  betaPrior,
  type PriorSetting,
  thompsonOptions,
} from "../../tuning/prior-setting.js";
import { forgettingOf } from "./forgetting.js";

/** Options for {@link runPosteriorTrack}. */
export interface PosteriorTrackOptions {
  /** A loaded scenario or its file. */
  scenario: Scenario | string;
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
 * Runs Thompson sampling once on a scenario and records the Beta posteriors of one query
 * type's arms at a few checkpoints, with each arm's true success probability at that moment.
 * The router is the one a sweep runs for this setting (same name, stream and options), so the
 * run is repetition `repetition` of that sweep cell.
 *
 * @param options scenario, setting, query type, checkpoints, rounds, seed
 * @returns the snapshots in checkpoint order
 * @throws {RangeError} when the query type is not in the scenario, or the checkpoints are not
 *   ascending non-negative integers within the run
 * @example runPosteriorTrack({ scenario, queryType: "similarity", checkpoints: [1000, 5000], seed: 42 })
 */
export function runPosteriorTrack(options: PosteriorTrackOptions): PosteriorTrack {
  const { queryType, checkpoints } = options;
  const scenario = resolveScenario(options.scenario);
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
    const c = context.compiled;
    const ty = c.typeIndex.get(queryType) as number;
    watcher = new PosteriorWatcher(inner, {
      queryType,
      backends: c.backends,
      checkpoints,
      truth: (backend, now) => c.expectedReward(ty, c.backendIndex.get(backend) as number, now),
    });
    return watcher;
  };
  runSimulation({
    scenario,
    strategy: factory,
    // The sweep's runs use the registry name: the same name gives the same router stream.
    streamName: "thompson",
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
