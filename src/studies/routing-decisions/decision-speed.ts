/** Notebook 01, routing decisions: routing decisions per second, beside the old system's. */
import {
  type DecisionSpeedOptions,
  type DecisionSpeedRow,
  measureDecisionSpeed,
} from "../../bench/decision-speed.js";
import { type DecisionSpeedSettings, decisionSpeedPlan } from "./plan.js";
import type { DecisionSpeedStudy, OldSystemSpeed, StrategySpeed } from "./result.js";

/** Options of {@link runDecisionSpeedStudy}. */
export interface DecisionSpeedStudyOptions {
  /** Shorter runs, fewer outcomes (quick mode). */
  quick: boolean;
  /** Seed of the routers and the simulated outcomes. */
  seed: number;
  /**
   * Strategies to time (must include rule-based and thompson); default every strategy
   * `measureDecisionSpeed` times, or only those two in quick mode.
   */
  strategies?: readonly string[];
  /** Overrides of the quick or full settings (e.g. tiny runs in tests). */
  measure?: Partial<DecisionSpeedSettings>;
  /** Progress lines. */
  log?: (line: string) => void;
}

const OLD_PUBLISHED = { "rule-based": 41_670, thompson: 19_995 } as const;
// The old system's benchmark 2 (rule-based against learned): 49,998 against 19,995 per second.
const OLD_LEARNED_OVERHEAD = 49_998 / 19_995;

/**
 * Notebook 01's speed part: routing decisions per second for each strategy, measured by the
 * benchmark suite's `measureDecisionSpeed` (batches timed with tinybench, harness overhead
 * subtracted, medians over runs, wall clock and CPU time), with shorter runs in quick mode,
 * and set beside the old system's published figures.
 *
 * @param options quick mode, seed, strategies
 * @returns a JSON-ready {@link DecisionSpeedStudy}
 * @throws {Error} when rule-based or Thompson is not among the strategies (the comparison
 *   with the old system needs both)
 * @example const speed = await runDecisionSpeedStudy({ quick: true, seed: 42 });
 */
export async function runDecisionSpeedStudy(
  options: DecisionSpeedStudyOptions,
): Promise<DecisionSpeedStudy> {
  const plan = decisionSpeedPlan({ quick: options.quick });
  const settings: DecisionSpeedSettings = { ...plan.settings, ...options.measure };
  const measured = options.strategies ?? plan.strategies;
  const measureOptions: DecisionSpeedOptions = {
    ...settings,
    seed: options.seed,
    // The study compares strategies; featurize's own speed is the bench's row, not a strategy.
    featurize: false,
    ...(measured === undefined ? {} : { strategies: measured }),
    ...(options.log === undefined ? {} : { log: options.log }),
  };
  const started = performance.now();
  const m = await measureDecisionSpeed(measureOptions);
  const wallMs = performance.now() - started;

  const strategies: Record<string, StrategySpeed> = {};
  const order: string[] = [];
  let growth: DecisionSpeedRow | undefined;
  for (const row of m.rows) {
    if (row.strategy in strategies) {
      growth = row; // the second Thompson row: the growth check
      continue;
    }
    order.push(row.strategy);
    strategies[row.strategy] = {
      outcomesRecorded: row.outcomesRecorded,
      decisionsPerSecond: row.decisionsPerSecond,
      decisionsPerCpuSecond: row.decisionsPerCpuSecond,
      perDecisionNs: row.perDecisionNs,
      target: row.target ?? null,
      meetsTarget: row.meetsTarget ?? null,
      meetsTargetCpu: row.meetsTargetCpu ?? null,
    };
  }
  const rb = strategies["rule-based"];
  const th = strategies.thompson;
  if (rb === undefined || th === undefined) {
    throw new Error("runDecisionSpeedStudy needs rule-based and thompson among the strategies");
  }
  const old = (key: keyof typeof OLD_PUBLISHED, s: StrategySpeed): OldSystemSpeed => ({
    published: OLD_PUBLISHED[key],
    measured: s.decisionsPerSecond.median,
    measuredCpu: s.decisionsPerCpuSecond.median,
    ratio: s.decisionsPerSecond.median / OLD_PUBLISHED[key],
    ratioCpu: s.decisionsPerCpuSecond.median / OLD_PUBLISHED[key],
  });
  return {
    settings,
    queries: m.queries,
    backends: [...m.backends],
    order,
    strategies,
    growthCheck:
      growth === undefined
        ? null
        : {
            outcomesRecorded: growth.outcomesRecorded,
            decisionsPerSecond: growth.decisionsPerSecond,
            ratio: growth.decisionsPerSecond.median / th.decisionsPerSecond.median,
          },
    oldSystem: {
      note: "published by the old Python system, measured on another machine in another language",
      "rule-based": old("rule-based", rb),
      thompson: old("thompson", th),
      learnedOverhead: {
        measured: rb.decisionsPerSecond.median / th.decisionsPerSecond.median,
        oldSystem: OLD_LEARNED_OVERHEAD,
      },
    },
    timer: m.timer,
    overheadNs: m.overheadNs,
    machine: m.machine,
    wallMs,
  };
}
