/** Notebook 09, contextual routing: per-type against contextual, stationary against non-stationary, adaptive patterns, decision speed. */
import { availableParallelism } from "node:os";
import type { Piscina } from "piscina";
import { measureDecisionSpeed } from "../../bench/decision-speed.js";
import type { PatternChoiceRow } from "../../routing/adaptive-pattern.js";
import { CompiledScenario } from "../../sim/model/compiled-scenario.js";
import { createSimulationPool } from "../../sim/run/pool.js";
import { runExperiment, type StrategyResult } from "../../sim/run/run-experiment.js";
import type { BandSeries } from "../../stats/band-series.js";
import { meanInterval } from "../../stats/estimate.js";
import { studyScenario } from "../scenario-input.js";
import type { ContextualRoutingPlan } from "./plan.js";
import type {
  AdaptiveScenario,
  ContextualRoutingResult,
  LearnedPattern,
  LearnerComparison,
  LearnerSummary,
} from "./result.js";

/** Options of {@link runContextualRouting}. */
export interface ContextualRoutingOptions {
  plan: ContextualRoutingPlan;
  /** Root seed; default 42. */
  seed?: number;
  /** Worker threads; default the available cores. Results do not depend on it. */
  workers?: number;
  /** Skips the decision-speed measurement (its rows are then empty); default false. */
  skipSpeed?: boolean;
  log?: (line: string) => void;
}

const ADAPTIVE = "adaptive-pattern";

/**
 * Notebook 09's experiments: per-type learners against contextual ones on the contextual
 * scenario, the non-stationary policies on the drift scenario, adaptive-pattern against
 * per-type Thompson on the default and degraded scenarios (with the pattern it learns per
 * query type), and every policy's decision speed.
 *
 * @param options the plan, seed and worker threads
 * @returns the JSON-ready result
 * @throws {ScenarioError} for a missing or malformed scenario file
 * @example const r = await runContextualRouting({ plan: contextualRoutingPlan({ quick: true }) });
 */
export async function runContextualRouting(
  options: ContextualRoutingOptions,
): Promise<ContextualRoutingResult> {
  const started = Date.now();
  const { plan } = options;
  const seed = options.seed ?? 42;
  const log = options.log ?? (() => {});
  const workers = options.workers ?? availableParallelism();
  // One pool for every experiment: thread start-up costs as much as a short one.
  const pool = workers === 0 ? undefined : createSimulationPool(workers);
  try {
    const compare = async (part: ContextualRoutingPlan["contextual"]) => {
      const { scenario, source } = studyScenario(part.scenario);
      log(`${scenario.name}: ${part.strategies.join(", ")} × ${part.reps} repetitions`);
      const e = await runExperiment({
        scenario,
        strategies: part.strategies,
        rounds: part.rounds,
        reps: part.reps,
        seed,
        points: plan.points,
        keepRuns: true,
        pool,
        workers,
      });
      return learnerComparison(e.strategies, { name: scenario.name, source }, part);
    };
    const contextualPart = await compare(plan.contextual);
    const drift = await compare(plan.drift);
    const adaptive: AdaptiveScenario[] = [];
    for (const file of plan.adaptive.scenarios) {
      adaptive.push(await adaptiveScenario(file, plan, seed, { pool, workers }, log));
    }
    const speed = options.skipSpeed
      ? undefined
      : await measureDecisionSpeed({
          strategies: plan.speed.strategies,
          runs: plan.speed.runs,
          timeMs: plan.speed.timeMs,
          growthCheckOutcomes: 0,
          featurize: false,
          seed,
          log,
        });
    return {
      format: "routing-lab/contextual-routing",
      version: 1,
      seed,
      contextual: {
        ...contextualPart,
        perTypeFloor: perTypeFloor(
          new CompiledScenario(studyScenario(plan.contextual.scenario).scenario),
        ),
      },
      drift,
      adaptive,
      decisionSpeed: {
        batchSize: speed?.batchSize ?? 0,
        loadAverage: speed?.machine.loadAverage ?? Number.NaN,
        rows: (speed?.rows ?? []).map((r) => ({
          strategy: r.strategy,
          decisionsPerSecond: r.decisionsPerSecond.median,
          decisionsPerCpuSecond: r.decisionsPerCpuSecond.median,
          perDecisionNs: r.perDecisionNs.p50,
        })),
      },
      wallMs: Date.now() - started,
    };
  } finally {
    await pool?.destroy();
  }
}

/**
 * The least expected regret per query of a learner that sees only the query type: given the
 * type, the text is drawn among the type's texts whatever it chooses, so per query it loses at
 * least E[best reward of the query] − (the best type-level reward). The smallest over types.
 *
 * @param c a compiled scenario
 * @returns the floor (0 in an ordinary scenario)
 */
export function perTypeFloor(c: CompiledScenario): number {
  let floor = Number.POSITIVE_INFINITY;
  c.types.forEach((_, ty) => {
    if (c.mix[ty] === 0) return;
    const rows = c.queryRows[ty];
    let best = 0;
    for (const row of rows) best += c.bestRowReward(row, 0);
    floor = Math.min(floor, best / rows.length - c.bestReward(ty, 0));
  });
  return floor;
}

function learnerComparison(
  strategies: readonly StrategyResult[],
  scenario: { name: string; source: string },
  part: { rounds: number; reps: number },
): LearnerComparison {
  const summaries: Record<string, LearnerSummary> = {};
  const regret: Record<string, BandSeries> = {};
  for (const s of strategies) {
    const t = s.totals;
    summaries[s.strategy] = {
      regret: t.regret,
      staticRegret: t.staticRegret,
      lastQuarterRegretPerQuery: meanInterval(
        (s.runs ?? []).map((r) => {
          const { regret: c, queries: q } = r.curves;
          const k = c.length - 1;
          const from = Math.round(0.75 * k);
          return (c[k] - c[from]) / Math.max(1, q[k] - q[from]);
        }),
      ),
      sloAttainment: t.sloAttainment,
      bestBackendRate: t.bestBackendRate,
    };
    regret[s.strategy] = roundSeries(s.curves.regret);
  }
  return {
    scenario,
    rounds: part.rounds,
    reps: part.reps,
    order: strategies.map((s) => s.strategy),
    strategies: summaries,
    curves: { queries: strategies[0].curves.queries.slice(), regret },
  };
}

async function adaptiveScenario(
  file: string,
  plan: ContextualRoutingPlan,
  seed: number,
  threads: { pool: Piscina | undefined; workers: number },
  log: (line: string) => void,
): Promise<AdaptiveScenario> {
  const { scenario, source } = studyScenario(file);
  const { rounds, reps, callCost } = plan.adaptive;
  const spec = `${ADAPTIVE}:lambda=${callCost}`;
  log(`${scenario.name}: thompson and ${spec} × ${reps} repetitions`);
  const e = await runExperiment({
    scenario,
    strategies: ["thompson", spec],
    rounds,
    reps,
    seed,
    points: plan.points,
    keepRuns: true,
    ...threads,
  });
  const strategies: AdaptiveScenario["strategies"] = {};
  for (const s of e.strategies) {
    const name = s.strategy === spec ? ADAPTIVE : s.strategy;
    strategies[name] = {
      sloAttainment: s.totals.sloAttainment,
      callsPerQuery: s.totals.callsPerQuery,
      oracleSloAttainment: s.totals.oracleSloAttainment,
    };
  }
  const runs = (e.strategies.find((s) => s.strategy === spec)?.runs ?? []).map(
    (r) => (r.router.details as { patterns: PatternChoiceRow[] }).patterns,
  );
  const types = new CompiledScenario(scenario).types;
  return {
    scenario: { name: scenario.name, source },
    rounds,
    reps,
    callCost,
    strategies,
    types: types.map((type) => learnedPattern(type, runs)),
  };
}

/** What the repetitions learned for one type: the most common choice, and mean shares. */
function learnedPattern(type: string, runs: readonly PatternChoiceRow[][]): LearnedPattern {
  const rows = runs
    .map((r) => r.find((x) => x.type === type))
    .filter((x): x is PatternChoiceRow => x !== undefined);
  const names = rows[0]?.patterns.map((p) => p.pattern) ?? [];
  const votes = new Map<string, number>();
  for (const r of rows) votes.set(r.learned, (votes.get(r.learned) ?? 0) + 1);
  // Most votes; ties go to the earlier candidate (the cheaper one, in the default order).
  let learned = names[0] ?? "";
  for (const n of names) if ((votes.get(n) ?? 0) > (votes.get(learned) ?? 0)) learned = n;
  return {
    type,
    learned,
    agreeing: votes.get(learned) ?? 0,
    patterns: names.map((pattern, i) => {
      const share = rows.map((r) => {
        const total = r.patterns.reduce((a, p) => a + p.picks, 0);
        return total > 0 ? r.patterns[i].picks / total : 0;
      });
      return {
        pattern,
        pickShare: mean(share),
        posteriorMean: mean(rows.map((r) => r.patterns[i].mean)),
      };
    }),
  };
}

function mean(xs: readonly number[]): number {
  return xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
}

function roundSeries(s: BandSeries): BandSeries {
  const sig = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(4)) : x);
  return { mean: s.mean.map(sig), lo: s.lo.map(sig), hi: s.hi.map(sig) };
}
