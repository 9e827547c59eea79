/**
 * Notebook 06, tuning bandit priors: the experiments behind its figures and tables. Each
 * function runs the simulator (through the prior-sweep machinery of src/tuning where it can)
 * and returns plain, JSON-serialisable data; {@link tuningPriorsResult} condenses them into
 * the notebook's results file.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import jStat from "jstat";
import { projectRoot } from "../lab/settings.js";
import type { LearnedRouter } from "../routing/learned.js";
import { createRouter } from "../routing/registry.js";
import type {
  BackendId,
  Outcome,
  Query,
  Router,
  RouterStats,
  RoutingContext,
  RoutingDecision,
} from "../routing/types.js";
import { aggregateCurves, aggregateTotals } from "../sim/metrics/aggregate.js";
import type { Band, BandSeries } from "../sim/metrics/band.js";
import type { CompiledScenario } from "../sim/model/compiled-scenario.js";
import { toPatternSpec } from "../sim/patterns/spec.js";
import { createSimulationPool } from "../sim/run/pool.js";
import { runSimulation, type SimulationResult } from "../sim/run/run-simulation.js";
import type { SimulationTask } from "../sim/run/task.js";
import type { Scenario } from "../sim/scenario/spec.js";
import type { StrategyContext } from "../sim/strategy/create-strategy.js";
import { parseGridSpec } from "../tuning/grid-spec.js";
import type { Interval } from "../tuning/interval.js";
import {
  BASELINE_SETTING,
  betaPrior,
  gridCells,
  type PriorSetting,
  type SweepCell,
  thompsonOptions,
} from "../tuning/prior-setting.js";
import { type PriorSweepReport, runPriorSweep } from "../tuning/run-sweep.js";
import { type CellResult, type SweepSummary, summariseSweep } from "../tuning/summarise-sweep.js";
import { runSummary } from "../tuning/sweep-task.js";

/** What notebook 06 runs, sized for quick (tests) or full (report) mode. */
export interface TuningPriorsPlan {
  /** Prior strength × mean on a stationary scenario. */
  heatmap: { scenarioFile: string; grid: string; reps: number; rounds: number };
  /** Forgetting settings on a drifting scenario; each grid is swept on its own. */
  forgetting: {
    scenarioFile: string;
    grids: string[];
    reps: number;
    rounds: number;
    points: number;
  };
  /** Posterior snapshots of one query type's arms during one run of the drifting scenario. */
  posterior: { queryType: string; checkpoints: number[] };
}

/**
 * The notebook's workload. Full mode fits the report's budget (≤ 60 s on 2 cores); quick mode
 * keeps every section but shrinks grids, repetitions and rounds to run in seconds. The drift
 * scenario changes at 20 s and 30 s of virtual time (200 queries/s), so its runs need at
 * least ~8,000 queries to show the change and the recovery after it.
 *
 * @param settings `quick` from `labSettings()`
 * @returns scenario paths, grids, repetitions, rounds and checkpoints
 * @example const plan = tuningPriorsPlan(labSettings());
 */
export function tuningPriorsPlan(settings: { quick: boolean }): TuningPriorsPlan {
  const scenario = (name: string) => join(projectRoot, "data", "scenarios", `${name}.json`);
  return settings.quick
    ? {
        heatmap: {
          scenarioFile: scenario("default"),
          grid: "strength=1,2,10,50;mean=0.2,0.5,0.8",
          reps: 3,
          rounds: 3000,
        },
        forgetting: {
          scenarioFile: scenario("drift"),
          grids: ["discount=1,0.999,0.99", "window=1000"],
          reps: 3,
          rounds: 10_000,
          points: 50,
        },
        posterior: { queryType: "similarity", checkpoints: [2000, 6000, 10_000] },
      }
    : {
        heatmap: {
          scenarioFile: scenario("default"),
          grid: "strength=0.5,1,2,5,10,20,50;mean=0.1,0.3,0.5,0.7,0.9",
          reps: 8,
          rounds: 10_000,
        },
        forgetting: {
          scenarioFile: scenario("drift"),
          grids: ["discount=1,0.999,0.995,0.99", "window=300,1000,3000"],
          reps: 6,
          rounds: 20_000,
          points: 100,
        },
        posterior: { queryType: "similarity", checkpoints: [2000, 5000, 8000, 20_000] },
      };
}

// ---------------------------------------------------------------------------------------------
// Heatmap: the prior sweep

/** Options for {@link runPriorHeatmap}. */
export interface PriorHeatmapOptions {
  scenario: Scenario;
  /** A grid with global `strength` and `mean` dimensions (and nothing else). */
  grid: string;
  reps: number;
  rounds: number;
  seed: number;
  /** Worker threads (default: available parallelism). */
  workers?: number;
  /**
   * Checkpoint folder. When given, it is kept, so a rerun resumes from it; by default a fresh
   * folder under the OS temp directory is used and removed afterwards, so a report never
   * reuses checkpoints made by an older version of the simulator.
   */
  dir?: string;
}

/** A finished prior sweep with how long it took. */
export interface PriorHeatmapStudy {
  report: PriorSweepReport;
  /** Wall-clock time of the sweep, ms (not reproducible). */
  wallMs: number;
}

/**
 * Sweeps the Thompson prior's strength (α + β) and mean (α / (α + β)) over a grid with
 * `runPriorSweep`: repetitions on worker threads, cell checkpoints, paired intervals, the best
 * cell and the sensitivity of regret to each dimension.
 *
 * @param options scenario, grid, repetitions, rounds, seed, workers, checkpoint folder
 * @returns the sweep report and its wall time
 * @throws {RangeError} when the grid is not exactly `strength` × `mean`; {GridSpecError} when
 *   it cannot be parsed
 * @example const { report } = await runPriorHeatmap({ scenario, grid: "strength=1,10;mean=0.3,0.7", reps: 4, rounds: 5000, seed: 42 });
 */
export async function runPriorHeatmap(options: PriorHeatmapOptions): Promise<PriorHeatmapStudy> {
  const grid = parseGridSpec(options.grid);
  const keys = grid.dimensions.map((d) => d.key).sort();
  if (keys.join(",") !== "mean,strength") {
    throw new RangeError(
      `a prior heatmap sweeps exactly "strength" and "mean", got ${keys.join(", ")}`,
    );
  }
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "routing-lab-06-"));
  const started = performance.now();
  try {
    const { report } = await runPriorSweep({
      scenario: options.scenario,
      grid,
      reps: options.reps,
      rounds: options.rounds,
      seed: options.seed,
      workers: options.workers,
      dir,
    });
    return { report, wallMs: performance.now() - started };
  } finally {
    if (options.dir === undefined) rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Forgetting under drift

/** Options for {@link runForgettingStudy}. */
export interface ForgettingStudyOptions {
  scenario: Scenario;
  /** Grid specifications, e.g. `["discount=1,0.99", "window=1000"]`; their cells are pooled. */
  grids: readonly string[];
  reps: number;
  rounds: number;
  seed: number;
  /** Most curve points per run (default 100). */
  points?: number;
  /** Worker threads; 0 runs on this thread (default: available parallelism). */
  workers?: number;
}

/** How a setting forgets. */
export type ForgettingKind = "none" | "discount" | "window";

/** One forgetting setting's runs. */
export interface ForgettingSettingResult {
  /** The grid cell id, e.g. `discount=0.99`. */
  id: string;
  kind: ForgettingKind;
  /** γ for a discount, the length for a window, null for none. */
  value: number | null;
  /** Outcomes per query type it effectively remembers: 1/(1 − γ), the window, or null (all). */
  memory: number | null;
  setting: PriorSetting;
  regret: Band;
  successRate: Band;
  bestBackendRate: Band;
  /** Cumulative regret over virtual time, mean and 95 % band over repetitions. */
  curve: { timeS: number[]; queries: number[]; regret: BandSeries };
}

/** A change the scenario makes at a point in virtual time. */
export interface ScenarioEvent {
  backend: BackendId;
  kind: "drift" | "degradation" | "outage";
  startMs: number;
  /** End of a degradation or outage; ramp end of a drift; null for an instant lasting change. */
  endMs: number | null;
}

/** The forgetting study: every setting's regret, the paired summary and the scenario's events. */
export interface ForgettingStudy {
  scenario: string;
  reps: number;
  rounds: number;
  seed: number;
  settings: ForgettingSettingResult[];
  /**
   * The sweep summary over all settings (best with paired intervals and P(best); the setting
   * without forgetting is the baseline). Settings come from different grids, so the summary
   * has no per-dimension sensitivity.
   */
  summary: SweepSummary;
  events: ScenarioEvent[];
  /** Wall-clock time, ms (not reproducible). */
  wallMs: number;
}

/** The kind, value and effective memory of a setting's forgetting. */
function forgettingOf(
  setting: PriorSetting,
): Pick<ForgettingSettingResult, "kind" | "value" | "memory"> {
  if (setting.window !== undefined) {
    return { kind: "window", value: setting.window, memory: setting.window };
  }
  if (setting.discount < 1) {
    return { kind: "discount", value: setting.discount, memory: 1 / (1 - setting.discount) };
  }
  return { kind: "none", value: null, memory: null };
}

/**
 * The time-bounded changes of a scenario, from its backends' windows, in start order.
 *
 * @param scenario a validated scenario
 * @returns one event per window
 * @example scenarioEvents(loadScenario("data/scenarios/drift.json"))[0] // { backend: "qdrant", kind: "drift", startMs: 20000, endMs: 30000 }
 */
export function scenarioEvents(scenario: Scenario): ScenarioEvent[] {
  const events: ScenarioEvent[] = [];
  for (const [backend, spec] of Object.entries(scenario.backends)) {
    for (const w of spec.windows ?? []) {
      const endMs =
        w.kind === "drift" ? (w.rampMs ? w.startMs + w.rampMs : null) : (w.endMs ?? null);
      events.push({ backend, kind: w.kind, startMs: w.startMs, endMs });
    }
  }
  return events.sort((a, b) => a.startMs - b.startMs || a.backend.localeCompare(b.backend));
}

/**
 * Runs Thompson sampling with each forgetting setting (discount factors, sliding windows, or
 * none) on a scenario, for `reps` repetitions on one worker pool, and keeps each setting's
 * regret curve with its 95 % band. The settings are then compared with the prior sweep's
 * summary (paired over repetitions: repetition r of every setting sees the same traffic), so
 * the best setting comes with its uncertainty. A run here is the same run `runPriorSweep`
 * makes for that cell, so the totals match a sweep of the same grid.
 *
 * @param options scenario, grids, repetitions, rounds, seed, curve points, workers
 * @returns every setting's results, the summary and the scenario's events
 * @throws {GridSpecError} for a grid that cannot be parsed; {RangeError} for bad counts or
 *   when the grids give fewer than one setting
 * @example await runForgettingStudy({ scenario, grids: ["discount=1,0.99", "window=1000"], reps: 4, rounds: 10_000, seed: 42 })
 */
export async function runForgettingStudy(
  options: ForgettingStudyOptions,
): Promise<ForgettingStudy> {
  const { scenario, reps, rounds, seed } = options;
  if (!(Number.isInteger(reps) && reps >= 1)) throw new RangeError(`reps must be ≥ 1, got ${reps}`);
  if (!(Number.isInteger(rounds) && rounds >= 1)) {
    throw new RangeError(`rounds must be ≥ 1, got ${rounds}`);
  }
  const queryTypes = Object.keys(scenario.workload.mix);
  const cells: SweepCell[] = [];
  const seen = new Set<string>();
  for (const text of options.grids) {
    for (const cell of gridCells(parseGridSpec(text, { queryTypes }))) {
      // Two grids may name the same setting (e.g. discount=1 and no forgetting): run it once.
      const key = JSON.stringify(thompsonOptions(cell.setting));
      if (seen.has(key)) continue;
      seen.add(key);
      // Cells of different grids share no dimension: compare them as plain settings.
      cells.push({ ...cell, coordinates: {} });
    }
  }
  if (cells.length === 0) throw new RangeError("the forgetting grids give no setting");
  const points = options.points ?? 100;
  const pattern = toPatternSpec("feed-forward");
  const taskOf = (cell: SweepCell, repetition: number): SimulationTask => ({
    scenario,
    strategy: "thompson",
    pattern,
    rounds,
    seed,
    repetition,
    points,
    routerOptions: thompsonOptions(cell.setting),
    profile: false,
  });

  const started = performance.now();
  const results: SimulationResult[][] = cells.map(() => new Array<SimulationResult>(reps));
  const workers = Math.min(options.workers ?? availableParallelism(), cells.length * reps);
  if (!(Number.isInteger(workers) && workers >= 0)) {
    throw new RangeError(`workers must be an integer ≥ 0, got ${options.workers}`);
  }
  if (workers === 0) {
    cells.forEach((cell, i) => {
      for (let r = 0; r < reps; r++) results[i][r] = runSimulation(taskOf(cell, r));
    });
  } else {
    const pool = createSimulationPool(workers);
    try {
      await Promise.all(
        cells.flatMap((cell, i) =>
          Array.from({ length: reps }, async (_, r) => {
            results[i][r] = (await pool.run(taskOf(cell, r))) as SimulationResult;
          }),
        ),
      );
    } finally {
      await pool.destroy();
    }
  }

  const cellResults: CellResult[] = cells.map((cell, i) => ({
    cell,
    runs: results[i].map((run, r) => runSummary(r, run)),
  }));
  const summary = summariseSweep(cellResults, { seed });
  const settings = cells.map((cell, i): ForgettingSettingResult => {
    const totals = aggregateTotals(results[i].map((r) => r.totals));
    const curves = aggregateCurves(results[i].map((r) => r.curves));
    return {
      id: cell.id,
      ...forgettingOf(cell.setting),
      setting: cell.setting,
      regret: totals.regret,
      successRate: totals.successRate,
      bestBackendRate: totals.bestBackendRate,
      curve: {
        timeS: curves.timeMs.mean.map((t) => t / 1000),
        queries: curves.queries,
        regret: curves.regret,
      },
    };
  });
  return {
    scenario: scenario.name,
    reps,
    rounds,
    seed,
    settings,
    summary,
    events: scenarioEvents(scenario),
    wallMs: performance.now() - started,
  };
}

/**
 * The forgetting setting with the lowest mean regret among those that forget (a discount
 * below 1 or a window), e.g. to compare its posteriors with a router that never forgets.
 *
 * @param study a forgetting study
 * @returns that setting
 * @throws {RangeError} when no setting of the study forgets
 * @example trackPosterior({ scenario, setting: bestForgettingSetting(study), ... })
 */
export function bestForgettingSetting(study: ForgettingStudy): PriorSetting {
  const forgetting = study.settings.filter((s) => s.kind !== "none");
  if (forgetting.length === 0) throw new RangeError("no setting of the study forgets");
  return forgetting.reduce((a, b) => (b.regret.mean < a.regret.mean ? b : a)).setting;
}

// ---------------------------------------------------------------------------------------------
// Posterior snapshots

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

/** A point of a density curve. */
export interface DensityPoint {
  x: number;
  density: number;
}

/**
 * The Beta(α, β) density (jStat) on an even grid between its `tail` and `1 − tail`
 * quantiles, so a narrow posterior gets as many points as a wide one. Points whose density is
 * not finite (α or β < 1 at the ends) are left out.
 *
 * @param alpha α > 0
 * @param beta β > 0
 * @param options `points` (default 120), `tail` (default 0.0005)
 * @returns points ordered by x
 * @throws {RangeError} when α or β is not positive
 * @example betaDensityCurve(3, 5).length // 120
 */
export function betaDensityCurve(
  alpha: number,
  beta: number,
  options: { points?: number; tail?: number } = {},
): DensityPoint[] {
  if (!(alpha > 0 && beta > 0)) {
    throw new RangeError(`Beta parameters must be positive, got α=${alpha}, β=${beta}`);
  }
  const points = options.points ?? 120;
  const tail = options.tail ?? 0.0005;
  const lo = jStat.beta.inv(tail, alpha, beta);
  const hi = jStat.beta.inv(1 - tail, alpha, beta);
  const out: DensityPoint[] = [];
  for (let i = 0; i < points; i++) {
    const x = lo + ((hi - lo) * i) / (points - 1);
    const density = jStat.beta.pdf(x, alpha, beta);
    if (Number.isFinite(density)) out.push({ x, density });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Tables

const fmt = (x: number, digits = 4): string =>
  Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(digits)));

function intervalText(i: Interval, percent = false): string {
  const f = (x: number) => (percent ? `${(x * 100).toFixed(2)} %` : fmt(x));
  return i.ci95 === null ? f(i.mean) : `${f(i.mean)} [${f(i.ci95[0])}, ${f(i.ci95[1])}]`;
}

/**
 * The recommended settings as a markdown table: the best prior on the stationary scenario and
 * the best forgetting on the drifting one, each with its regret (95 % interval), its paired
 * difference from the old Beta(1, 1)-without-forgetting router, its bootstrap probability of
 * being best and how many other settings could not be told apart from it.
 *
 * @param input the prior sweep report and the forgetting study
 * @returns markdown
 * @example tslab.display.markdown(recommendedPriorsMarkdown({ heatmap: report, forgetting }))
 */
export function recommendedPriorsMarkdown(input: {
  heatmap: PriorSweepReport;
  forgetting: ForgettingStudy;
}): string {
  const rows: string[][] = [];
  const add = (where: string, summary: SweepSummary, setting: PriorSetting, id: string) => {
    const p = betaPrior(setting.strength, setting.mean);
    const f = forgettingOf(setting);
    const forget =
      f.kind === "none"
        ? "none"
        : f.kind === "discount"
          ? `discount γ = ${f.value} (memory ≈ ${fmt(f.memory as number, 3)} outcomes)`
          : `window of ${f.value} outcomes`;
    const vs = summary.sensitivity.bestVsBaseline;
    rows.push([
      where,
      `\`${id}\``,
      `Beta(${fmt(p.alpha, 3)}, ${fmt(p.beta, 3)})`,
      forget,
      intervalText(summary.best.regret),
      intervalText(summary.best.successRate, true),
      vs === null ? "—" : intervalText(vs),
      summary.best.pBest.toFixed(2),
      String(summary.best.indistinguishable.length),
    ]);
  };
  const h = input.heatmap;
  const hBest = h.summary.cells.find((c) => c.id === h.summary.best.id) as {
    setting: PriorSetting;
  };
  add(
    `stationary (\`${h.scenario}\`, ${h.reps} reps × ${h.rounds} queries)`,
    h.summary,
    hBest.setting,
    h.summary.best.id,
  );
  const f = input.forgetting;
  const fBest = f.settings.find((s) => s.id === f.summary.best.id) as ForgettingSettingResult;
  add(
    `drifting (\`${f.scenario}\`, ${f.reps} reps × ${f.rounds} queries)`,
    f.summary,
    fBest.setting,
    fBest.id,
  );
  const header = [
    "scenario",
    "best setting",
    "prior",
    "forgetting",
    "regret [95 % CI]",
    "success rate [95 % CI]",
    "vs Beta(1, 1), no forgetting (paired)",
    "P(best)",
    "settings tied with it",
  ];
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}

/**
 * How much each swept parameter matters, as a markdown table: its main effect's share of the
 * between-setting variance of regret (η²), the range of its mean regret over its values, and
 * the share left to interactions and noise.
 *
 * @param report a finished sweep
 * @returns markdown
 * @example tslab.display.markdown(priorSensitivityMarkdown(report))
 */
export function priorSensitivityMarkdown(report: PriorSweepReport): string {
  const s = report.summary.sensitivity;
  const lines = [
    "| parameter | share of between-setting variance | regret range over its values | mean regret by value |",
    "| --- | --- | --- | --- |",
  ];
  let explained = 0;
  for (const d of s.dimensions) {
    explained += d.share;
    const levels = d.levels.map((l) => `${l.value}: ${fmt(l.regret, 3)}`).join(", ");
    lines.push(
      `| ${d.key} | ${(d.share * 100).toFixed(1)} % | ${fmt(d.regretRange, 3)} | ${levels} |`,
    );
  }
  lines.push(
    `| interaction and noise | ${(Math.max(0, 1 - explained) * 100).toFixed(1)} % | — | — |`,
  );
  lines.push(
    "",
    `Worst setting minus best: ${fmt(s.regretSpread.absolute, 3)} regret (${(s.regretSpread.relative * 100).toFixed(0)} % of the best).`,
  );
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------
// The results file

/** A mean with its 95 % interval (null bounds with a single repetition). */
export interface TuningEstimate {
  mean: number;
  lo: number | null;
  hi: number | null;
  n: number;
}

/** One forgetting setting in the results file. */
export interface TuningForgettingEntry {
  id: string;
  kind: ForgettingKind;
  value: number | null;
  regret: TuningEstimate;
  successRate: TuningEstimate;
}

/**
 * `06-tuning-priors.json`. Paths the performance summary reads are stable: e.g.
 * `heatmap.best.regret.mean`, `heatmap.sensitivity.dimensions.strength.share`,
 * `forgetting.best.id`, `forgetting.bestVsNoForgetting.mean`, `recommended.prior.alpha`.
 */
export interface TuningPriorsResult {
  format: "routing-lab/notebook-06";
  version: 1;
  quick: boolean;
  seed: number;
  heatmap: {
    scenario: string;
    grid: string;
    reps: number;
    rounds: number;
    /** Grid cells swept. */
    settings: number;
    best: {
      id: string;
      strength: number;
      mean: number;
      alpha: number;
      beta: number;
      regret: TuningEstimate;
      successRate: TuningEstimate;
      /** Bootstrap probability of being the best cell. */
      pBest: number;
      /** Cells whose paired 95 % interval against the best includes 0. */
      tiedWith: number;
    };
    /** The old Beta(1, 1) prior (strength 2, mean 0.5). */
    baseline: { regret: TuningEstimate; successRate: TuningEstimate } | null;
    /** Best − baseline regret, paired over repetitions. */
    bestVsBaseline: TuningEstimate | null;
    worst: { id: string; regret: number };
    sensitivity: {
      /** Worst minus best mean regret. */
      regretSpread: number;
      /** The same as a share of the best's regret. */
      regretSpreadRelative: number;
      /** Per swept parameter (`strength`, `mean`): η² share and regret range of its main effect. */
      dimensions: Record<string, { share: number; regretRange: number }>;
      /** 1 − Σ shares: interactions and noise. */
      interactionShare: number;
    };
  };
  forgetting: {
    scenario: string;
    reps: number;
    rounds: number;
    settings: TuningForgettingEntry[];
    best: TuningForgettingEntry & { pBest: number; tiedWith: string[] };
    /** Best − no-forgetting regret, paired over repetitions; null when none was run. */
    bestVsNoForgetting: TuningEstimate | null;
  };
  posterior: {
    scenario: string;
    queryType: string;
    tracks: {
      label: string;
      checkpoints: {
        queries: number;
        timeS: number;
        arms: Record<string, { alpha: number; beta: number; mean: number; truth: number }>;
      }[];
    }[];
  };
  /** The two winners: the stationary prior and the forgetting under drift (measured apart). */
  recommended: {
    prior: { strength: number; mean: number; alpha: number; beta: number };
    forgetting: { kind: ForgettingKind; value: number | null };
  };
  /** Wall-clock times, ms (not reproducible). */
  wallMs: { heatmap: number; forgetting: number };
}

const round = (x: number, digits = 6): number => Number(x.toPrecision(digits));

function fromInterval(i: Interval): TuningEstimate {
  return {
    mean: round(i.mean),
    lo: i.ci95 === null ? null : round(i.ci95[0]),
    hi: i.ci95 === null ? null : round(i.ci95[1]),
    n: i.n,
  };
}

function fromBand(b: Band, n: number): TuningEstimate {
  return n < 2
    ? { mean: round(b.mean), lo: null, hi: null, n }
    : { mean: round(b.mean), lo: round(b.lo), hi: round(b.hi), n };
}

/**
 * Condenses the notebook's studies into its results file: small, with stable field names.
 *
 * @param input run settings, the prior sweep, the forgetting study and the posterior tracks
 * @returns the document to write as `06-tuning-priors.json`
 * @throws {RangeError} when no posterior track is given or the tracks watch different types
 */
export function tuningPriorsResult(input: {
  settings: { quick: boolean; seed: number };
  heatmap: PriorHeatmapStudy;
  forgetting: ForgettingStudy;
  posterior: readonly PosteriorTrack[];
}): TuningPriorsResult {
  const { report } = input.heatmap;
  const s = report.summary;
  const bestCell = s.cells.find((c) => c.id === s.best.id) as (typeof s.cells)[number];
  const prior = betaPrior(bestCell.setting.strength, bestCell.setting.mean);
  const baseKey = JSON.stringify(thompsonOptions(BASELINE_SETTING));
  const baseline = s.cells.find((c) => JSON.stringify(thompsonOptions(c.setting)) === baseKey);
  const gridCellsOnly = s.cells.filter((c) => !c.baseline);
  const worst = gridCellsOnly.reduce((a, b) => (b.regret.mean > a.regret.mean ? b : a));
  const dimensions: Record<string, { share: number; regretRange: number }> = {};
  let explained = 0;
  for (const d of s.sensitivity.dimensions) {
    dimensions[d.key] = { share: round(d.share, 4), regretRange: round(d.regretRange) };
    explained += d.share;
  }

  const f = input.forgetting;
  const entry = (r: ForgettingSettingResult): TuningForgettingEntry => ({
    id: r.id,
    kind: r.kind,
    value: r.value,
    regret: fromBand(r.regret, f.reps),
    successRate: fromBand(r.successRate, f.reps),
  });
  const fBest = f.settings.find((x) => x.id === f.summary.best.id) as ForgettingSettingResult;

  if (input.posterior.length === 0) throw new RangeError("at least one posterior track is needed");
  const queryType = input.posterior[0].queryType;
  if (input.posterior.some((t) => t.queryType !== queryType)) {
    throw new RangeError("the posterior tracks must watch the same query type");
  }
  return {
    format: "routing-lab/notebook-06",
    version: 1,
    quick: input.settings.quick,
    seed: input.settings.seed,
    heatmap: {
      scenario: report.scenario,
      grid: report.grid,
      reps: report.reps,
      rounds: report.rounds,
      settings: gridCellsOnly.length,
      best: {
        id: s.best.id,
        strength: bestCell.setting.strength,
        mean: bestCell.setting.mean,
        alpha: round(prior.alpha),
        beta: round(prior.beta),
        regret: fromInterval(s.best.regret),
        successRate: fromInterval(s.best.successRate),
        pBest: s.best.pBest,
        tiedWith: s.best.indistinguishable.length,
      },
      baseline:
        baseline === undefined
          ? null
          : {
              regret: fromInterval(baseline.regret),
              successRate: fromInterval(baseline.successRate),
            },
      bestVsBaseline:
        s.sensitivity.bestVsBaseline === null ? null : fromInterval(s.sensitivity.bestVsBaseline),
      worst: { id: worst.id, regret: round(worst.regret.mean) },
      sensitivity: {
        regretSpread: round(s.sensitivity.regretSpread.absolute),
        regretSpreadRelative: round(s.sensitivity.regretSpread.relative, 4),
        dimensions,
        interactionShare: round(Math.max(0, 1 - explained), 4),
      },
    },
    forgetting: {
      scenario: f.scenario,
      reps: f.reps,
      rounds: f.rounds,
      settings: f.settings.map(entry),
      best: {
        ...entry(fBest),
        pBest: f.summary.best.pBest,
        tiedWith: f.summary.best.indistinguishable,
      },
      bestVsNoForgetting:
        f.summary.sensitivity.bestVsBaseline === null
          ? null
          : fromInterval(f.summary.sensitivity.bestVsBaseline),
    },
    posterior: {
      scenario: input.posterior[0].scenario,
      queryType,
      tracks: input.posterior.map((t) => ({
        label: t.label,
        checkpoints: t.snapshots.map((snap) => {
          const arms: Record<string, { alpha: number; beta: number; mean: number; truth: number }> =
            {};
          for (const a of snap.arms) {
            arms[a.backend] = {
              alpha: round(a.alpha),
              beta: round(a.beta),
              mean: round(a.mean, 4),
              truth: round(a.truth, 4),
            };
          }
          return { queries: snap.queries, timeS: round(snap.timeMs / 1000, 4), arms };
        }),
      })),
    },
    recommended: {
      prior: {
        strength: bestCell.setting.strength,
        mean: bestCell.setting.mean,
        alpha: round(prior.alpha),
        beta: round(prior.beta),
      },
      forgetting: { kind: fBest.kind, value: fBest.value },
    },
    wallMs: { heatmap: Math.round(input.heatmap.wallMs), forgetting: Math.round(f.wallMs) },
  };
}
