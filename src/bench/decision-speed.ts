import { availableParallelism, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { textTable } from "../format/text-table.js";
import { createStream } from "../random/index.js";
import { Featurizer } from "../routing/featurize.js";
import {
  createRouter,
  DEFAULT_BACKENDS,
  type Decision,
  type LabelledQuery,
  LEARNING_STRATEGIES,
  loadQuerySet,
  type Query,
  type Router,
  type RoutingContext,
} from "../routing/index.js";
import { type Spread, spreadOf } from "../stats/spread.js";
import { type BatchMeasurement, measureBatchesInterleaved } from "./batch.js";
import { OLD_SYSTEM } from "./old-system.js";
import { defineSection } from "./section.js";
import type { TimerFacts } from "./timer.js";

/** Options of {@link measureDecisionSpeed}. */
export interface DecisionSpeedOptions {
  /** Registry names to measure; default every strategy (and `always:qdrant`). */
  strategies?: readonly string[];
  /** The query texts, cycled through; default the bundled `data/queries/default.jsonl`. */
  queries?: readonly LabelledQuery[];
  /** Available backends; default the five defaults. */
  backends?: readonly string[];
  /** Decisions per timed batch; default 20,000. */
  batchSize?: number;
  /** Independent runs; figures are medians over runs. Default 5. */
  runs?: number;
  /** Time per run, ms; default 300. */
  timeMs?: number;
  /** Warm-up per run, ms; default 100. */
  warmupMs?: number;
  /** Seed of the routers and of the simulated outcomes; default 42. */
  seed?: number;
  /** Outcomes each learning strategy records before it is timed; default 10,000. */
  pretrainOutcomes?: number;
  /**
   * Thompson is timed again after this many outcomes, to show the cost of a decision does
   * not grow with what was recorded; 0 skips it. Default 1,000,000.
   */
  growthCheckOutcomes?: number;
  /**
   * Also time `featurize` alone (the default 64 hashed buckets plus the type one-hot, on the
   * same texts), as a row named {@link FEATURIZE_ROW}; default true.
   */
  featurize?: boolean;
  /** Progress lines. */
  log?: (line: string) => void;
}

/** The row that times featurization (not a strategy). */
export const FEATURIZE_ROW = "featurize (64 buckets + type)";

/** One strategy's measured speed. */
export interface DecisionSpeedRow {
  strategy: string;
  /** Outcomes recorded before timing. */
  outcomesRecorded: number;
  /** Decisions per second, per run (median, spread). */
  decisionsPerSecond: Spread;
  /** Per-decision time from batch averages, ns. */
  perDecisionNs: BatchMeasurement["perOpNs"];
  /**
   * Decisions per second of CPU time (process user + system), per run: what one core does
   * when it is not shared. On a busy machine the wall-clock figure also counts the time this
   * process waited for a core; both are reported.
   */
  decisionsPerCpuSecond: Spread;
  /** The target, when it sets one for this strategy. */
  target?: number;
  /** Whether the wall-clock median reaches the target. */
  meetsTarget?: boolean;
  /** Whether the CPU-time median reaches the target. */
  meetsTargetCpu?: boolean;
}

/** What {@link measureDecisionSpeed} returns. */
export interface DecisionSpeedResult {
  /** Distinct query texts cycled through. */
  queries: number;
  /** Share of each labelled type in the query list. */
  typeMix: Record<string, number>;
  backends: readonly string[];
  batchSize: number;
  rows: DecisionSpeedRow[];
  timer: TimerFacts;
  /** Harness overhead per batch, subtracted, ns. */
  overheadNs: number;
  /** 1-minute load average when the measurement ended, and the number of CPUs: on a shared
   * machine the wall-clock figures fall as the load rises. */
  machine: { loadAverage: number; cpus: number };
  /** The old Python system's published figures, for comparison. */
  oldSystem: { "rule-based": number; thompson: number };
}

/** Decisions per second the issue asks for, on one core. */
export const DECISION_SPEED_TARGETS: Readonly<Record<string, number>> = {
  "rule-based": 2_000_000,
  thompson: 1_000_000,
  linucb: 100_000,
  "linear-thompson": 100_000,
  [FEATURIZE_ROW]: 1_000_000,
};

const LEARNING = new Set(LEARNING_STRATEGIES);

/**
 * Measures routing decisions per second for each strategy on a realistic mixed list of query
 * TEXTS (so classification is included) over the five default backends. Each decision is a
 * full `select` call: classification, the choice and the decision object. Decisions are timed
 * in batches (a single one is far below the timer's resolution), the harness overhead is
 * subtracted, and the figure is the median of several runs because the machine is shared;
 * the runs of all strategies are interleaved, so a slow phase of the host hits them alike.
 * Learning strategies first record simulated outcomes, so they decide from non-trivial state.
 *
 * @param options strategies, queries, batch size, runs
 * @returns one row per strategy plus the timer facts
 * @example
 * const r = await measureDecisionSpeed({ strategies: ["rule-based", "thompson"] });
 * console.log(r.rows.map((x) => `${x.strategy}: ${x.decisionsPerSecond.median}`));
 */
export async function measureDecisionSpeed(
  options: DecisionSpeedOptions = {},
): Promise<DecisionSpeedResult> {
  const strategies = options.strategies ?? [
    "rule-based",
    "thompson",
    "epsilon-greedy",
    "ucb1",
    "random",
    "round-robin",
    "always:qdrant",
    "least-outstanding",
    "peak-ewma",
    "kl-ucb",
    "sw-ucb",
    "d-ucb",
    "exp3",
    "linucb",
    "linear-thompson",
  ];
  const labelled = options.queries ?? loadQuerySet();
  const backends = options.backends ?? DEFAULT_BACKENDS;
  const batchSize = options.batchSize ?? 20_000;
  const seed = options.seed ?? 42;
  const pretrain = options.pretrainOutcomes ?? 10_000;
  const growth = options.growthCheckOutcomes ?? 1_000_000;
  const log = options.log ?? (() => {});
  // The query objects exist before routing (callers hold them); only select() is timed.
  const queries: Query[] = labelled.map((q) => ({ text: q.text }));
  const typeMix: Record<string, number> = {};
  for (const q of labelled) typeMix[q.type] = (typeMix[q.type] ?? 0) + 1 / labelled.length;
  const context: RoutingContext = { available: backends, now: 0 };

  const plan: { strategy: string; outcomes: number }[] = strategies.map((s) => ({
    strategy: s,
    outcomes: LEARNING.has(s) ? pretrain : 0,
  }));
  if (growth > 0 && strategies.includes("thompson")) {
    plan.push({ strategy: "thompson", outcomes: growth });
  }

  const rows: DecisionSpeedRow[] = [];
  let timer: TimerFacts | undefined;
  let overheadNs = 0;
  // Build, train and warm up every router before timing any: otherwise the first strategy
  // timed also pays for optimising the shared code (classifier, decision), which measured
  // up to 1.8× slower than the same strategy timed second.
  let sink = 0;
  const n = queries.length;
  const prepared = plan.map(({ strategy, outcomes }) => {
    const router = createRouter(strategy, { rng: createStream(seed, "bench", strategy) });
    train(router, queries, backends, outcomes, seed);
    let next = 0;
    const batch = () => {
      for (let k = 0; k < batchSize; k++) {
        const d: Decision = router.select(queries[next], context) as Decision;
        sink += d.confidence + d.backend.length;
        if (++next === n) next = 0;
      }
    };
    return { strategy, outcomes, batch };
  });
  if (options.featurize ?? true) {
    const featurizer = new Featurizer();
    let next = 0;
    prepared.push({
      strategy: FEATURIZE_ROW,
      outcomes: 0,
      batch: () => {
        for (let k = 0; k < batchSize; k++) {
          sink += featurizer.featurizeSparse(queries[next]).nnz;
          if (++next === n) next = 0;
        }
      },
    });
  }
  const warmEnd = performance.now() + (options.warmupMs ?? 100);
  for (const p of prepared) p.batch();
  while (performance.now() < warmEnd) for (const p of prepared) p.batch();
  const runs = options.runs ?? 5;
  const timeMs = options.timeMs ?? 300;
  const cpu: number[][] = prepared.map(() => []);
  log(`decision speed: ${prepared.length} strategies, ${runs} interleaved runs each`);
  const measured = await measureBatchesInterleaved(
    prepared.map((p) => ({ name: p.strategy, batch: p.batch })),
    { batchSize, runs, timeMs, warmupMs: options.warmupMs },
    (t) => cpu[t].push(cpuRate(prepared[t].batch, batchSize, timeMs)),
  );
  if (sink === Number.NEGATIVE_INFINITY) log("unreachable"); // keeps `sink` observable
  prepared.forEach(({ strategy, outcomes }, i) => {
    const m = measured[i];
    const cpuSpread = spreadOf(cpu[i]);
    timer = m.timer;
    overheadNs = m.overheadNs;
    const target = DECISION_SPEED_TARGETS[strategy];
    rows.push({
      strategy,
      outcomesRecorded: outcomes,
      decisionsPerSecond: m.opsPerSecond,
      perDecisionNs: m.perOpNs,
      decisionsPerCpuSecond: cpuSpread,
      ...(target === undefined
        ? {}
        : {
            target,
            meetsTarget: m.opsPerSecond.median >= target,
            meetsTargetCpu: cpuSpread.median >= target,
          }),
    });
  });
  return {
    queries: queries.length,
    typeMix,
    backends,
    batchSize,
    rows,
    timer: timer ?? { resolutionNs: Number.NaN, readCostNs: Number.NaN },
    overheadNs,
    machine: { loadAverage: loadavg()[0], cpus: availableParallelism() },
    oldSystem: {
      "rule-based": OLD_SYSTEM.decisions.ruleBasedPerSecond,
      thompson: OLD_SYSTEM.decisions.thompsonPerSecond,
    },
  };
}

/**
 * Decisions per CPU-second of one run: repeats the batch for about `timeMs` of CPU time.
 * `process.cpuUsage` resolves 1 µs; a run spans hundreds of ms.
 *
 * @param batch runs `batchSize` decisions
 * @param batchSize decisions per batch call
 * @param timeMs CPU time to spend, ms
 * @returns decisions per CPU-second
 */
export function cpuRate(batch: () => void, batchSize: number, timeMs: number): number {
  const start = process.cpuUsage();
  let batches = 0;
  let usedUs = 0;
  do {
    batch();
    batches++;
    const used = process.cpuUsage(start);
    usedUs = used.user + used.system;
  } while (usedUs < timeMs * 1000);
  return (batches * batchSize * 1e6) / usedUs;
}

/**
 * Records simulated outcomes: each backend has a fixed success probability per query type, so
 * the bandits learn a non-trivial posterior before they are timed.
 *
 * @param router the router to train
 * @param queries queries, cycled through
 * @param backends the available backends
 * @param outcomes outcomes to record
 * @param seed seed of the simulated outcomes
 */
export function train(
  router: Router,
  queries: readonly Query[],
  backends: readonly string[],
  outcomes: number,
  seed: number,
): void {
  const rng = createStream(seed, "bench", "outcomes");
  const context: RoutingContext = { available: backends, now: 0 };
  for (let i = 0; i < outcomes; i++) {
    const d = router.select(queries[i % queries.length], context);
    router.onDispatch?.(d.backend, i);
    const good = (d.backend.length + d.queryType.length) % 3 === 0 ? 0.8 : 0.4;
    router.record({
      decision: d,
      relevance: rng.next() < good ? 0.9 : 0.3,
      latencyMs: 20 + 100 * rng.next(),
      now: i,
    });
  }
}

/**
 * Formats a result as text table rows (header first).
 * @param result a measurement
 * @returns rows of cells
 */
export function decisionSpeedTable(result: DecisionSpeedResult): string[][] {
  const fmt = (x: number) => Math.round(x).toLocaleString("en-US");
  return [
    [
      "strategy",
      "outcomes recorded",
      "decisions/s (wall, median)",
      "min–max",
      "decisions/CPU-s (median)",
      "ns/decision p50",
      "target (wall / CPU)",
    ],
    ...result.rows.map((r) => [
      r.strategy,
      fmt(r.outcomesRecorded),
      fmt(r.decisionsPerSecond.median),
      `${fmt(r.decisionsPerSecond.min)}–${fmt(r.decisionsPerSecond.max)}`,
      fmt(r.decisionsPerCpuSecond.median),
      r.perDecisionNs.p50.toFixed(0),
      r.target === undefined
        ? ""
        : `${fmt(r.target)}: ${r.meetsTarget ? "met" : "NOT met"} / ${r.meetsTargetCpu ? "met" : "NOT met"}`,
    ]),
  ];
}

/**
 * Measures and prints the figures. Run it on the compiled library for representative figures:
 * `npm run build && node -e 'import("./dist/bench/decision-speed.js").then((m) => m.printDecisionSpeed())'`.
 * `npx tsx -e 'import("./src/bench/decision-speed.ts").then((m) => m.printDecisionSpeed())'`
 * also works, but tsx's transform routes every cross-module call through a getter, which
 * measured about 2× slower per decision here.
 * @param options as for {@link measureDecisionSpeed}
 * @returns the measurement
 */
export async function printDecisionSpeed(
  options: DecisionSpeedOptions = {},
): Promise<DecisionSpeedResult> {
  const result = await measureDecisionSpeed({
    log: (l) => process.stderr.write(`${l}\n`),
    ...options,
  });
  process.stdout.write(
    `${textTable(decisionSpeedTable(result), { align: "left", rule: false })}\n`,
  );
  process.stdout.write(
    `"${FEATURIZE_ROW}" times featurization alone (sparse result, classification included), per query. ${result.queries} query texts, ${result.backends.length} backends, batches of ${result.batchSize}; timer resolution ${result.timer.resolutionNs} ns, overhead ${result.overheadNs.toFixed(0)} ns/batch subtracted; load average ${result.machine.loadAverage.toFixed(1)} on ${result.machine.cpus} CPUs. Old system: rule-based ${result.oldSystem["rule-based"].toLocaleString("en-US")}/s, Thompson ${result.oldSystem.thompson.toLocaleString("en-US")}/s.\n`,
  );
  return result;
}

/** The `decisions` section of `routing-lab bench`. */
export const decisionSpeedSection = defineSection<DecisionSpeedResult>({
  id: "decisions",
  title: "Routing decisions per second (one core, query texts incl. classification)",
  run: (context) =>
    measureDecisionSpeed({
      seed: context.seed,
      log: context.log,
      ...(context.quick
        ? {
            runs: 3,
            timeMs: 150,
            warmupMs: 50,
            pretrainOutcomes: 2_000,
            growthCheckOutcomes: 100_000,
          }
        : {}),
    }),
  table: decisionSpeedTable,
});
