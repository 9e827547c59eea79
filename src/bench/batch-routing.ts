import { createStream } from "../random/index.js";
import { routeBatch } from "../routing/batch.js";
import {
  createRouter,
  DEFAULT_BACKENDS,
  loadQuerySet,
  type Query,
  type Router,
  type RoutingContext,
  type RoutingDecision,
} from "../routing/index.js";
import { spreadOf } from "../stats/spread.js";
import { type BatchTask, measureBatchesInterleaved } from "./batch.js";
import { cpuRate, train } from "./decision-speed.js";
import { defineSection } from "./section.js";

/** Options of {@link measureBatchRouting}. */
export interface BatchRoutingOptions {
  /** Default `rule-based`, `thompson` and the contextual `linucb`. */
  strategies?: readonly string[];
  /** Default 1, 10, 100, 1,000, 10,000. */
  batchSizes?: readonly number[];
  /** Independent interleaved runs; figures are medians. Default 5. */
  runs?: number;
  /** Time per run and task, ms. Default 200. */
  timeMs?: number;
  seed?: number;
  log?: (line: string) => void;
}

/** Decisions per CPU-second: median and range over runs. */
export interface RateSpread {
  median: number;
  min: number;
  max: number;
}

/** What {@link measureBatchRouting} returns (`sections.batchRouting` of bench.json). */
export interface BatchRoutingResult {
  /** Decisions per timed task call: every task routes the same 10,000 queries. */
  decisionsPerCall: number;
  rows: { strategy: string; batchSize: number; decisionsPerSecond: RateSpread }[];
  oneAtATime: { strategy: string; decisionsPerSecond: RateSpread }[];
  /**
   * The fixed cost of one `select` call (the part batching could save): median per-decision
   * ns (wall clock) of a router that returns one prepared decision, called one at a time.
   */
  fixedCostPerCallNs: number;
  /** Per strategy: the batch rate at the largest size / the one-at-a-time rate (medians). */
  bestRatio: Record<string, number>;
}

/** The old system's claim for batch routing, "2–5× throughput". */
export const BATCH_CLAIM = { low: 2, high: 5 } as const;

const DECISIONS = 10_000;

/** A router with no work of its own: what remains is the call. */
class PreparedRouter implements Router {
  readonly name = "prepared";
  constructor(private readonly decision: RoutingDecision) {}
  select(): RoutingDecision {
    return this.decision;
  }
  record(): void {}
  stats() {
    return { strategy: this.name, decisions: 0, outcomes: 0 };
  }
}

/**
 * Measures `routeBatch` against routing one query at a time: each task routes the same
 * 10,000 query texts (classification included) over the five default backends, either with
 * `select` in a loop or as batches of B through `routeBatch`. Learning strategies first
 * record 10,000 simulated outcomes. Tasks are interleaved over runs (see
 * `measureBatchesInterleaved`), so a slow phase of the shared machine hits them alike.
 *
 * @param options strategies, batch sizes, runs
 * @returns rates per strategy and batch size, one at a time, and the fixed cost per call
 * @example const r = await measureBatchRouting({ strategies: ["thompson"], batchSizes: [1, 1000] });
 */
export async function measureBatchRouting(
  options: BatchRoutingOptions = {},
): Promise<BatchRoutingResult> {
  const strategies = options.strategies ?? ["rule-based", "thompson", "linucb"];
  const sizes = options.batchSizes ?? [1, 10, 100, 1_000, 10_000];
  const seed = options.seed ?? 42;
  const labelled = loadQuerySet();
  const queries: Query[] = Array.from(
    { length: DECISIONS },
    (_, i) => ({ text: labelled[i % labelled.length].text }) as Query,
  );
  const context: RoutingContext = { available: DEFAULT_BACKENDS, now: 0 };
  let sink = 0;
  const tasks: (BatchTask & { strategy: string; size: number })[] = [];
  const routerFor = (strategy: string): Router => {
    const router = createRouter(strategy, { rng: createStream(seed, "bench-batch", strategy) });
    train(router, queries, DEFAULT_BACKENDS, strategy === "rule-based" ? 0 : 10_000, seed);
    return router;
  };
  for (const strategy of strategies) {
    const single = routerFor(strategy);
    tasks.push({
      name: `${strategy} one at a time`,
      strategy,
      size: 0,
      batch: () => {
        for (let i = 0; i < DECISIONS; i++) sink += single.select(queries[i], context).confidence;
      },
    });
    for (const size of sizes) {
      const router = routerFor(strategy);
      // The batches exist before timing, as a caller holding a batch would have it.
      const batches: Query[][] = [];
      for (let i = 0; i < DECISIONS; i += size) batches.push(queries.slice(i, i + size));
      const out: RoutingDecision[] = [];
      tasks.push({
        name: `${strategy} batch ${size}`,
        strategy,
        size,
        batch: () => {
          for (const b of batches) sink += routeBatch(router, b, context, out).length;
        },
      });
    }
  }
  const prepared = new PreparedRouter(routerFor("rule-based").select(queries[0], context));
  tasks.push({
    name: "fixed cost",
    strategy: "",
    size: -1,
    batch: () => {
      for (let i = 0; i < DECISIONS; i++) sink += prepared.select().confidence;
    },
  });
  options.log?.(`batch routing: ${tasks.length} tasks, ${options.runs ?? 5} interleaved runs`);
  const timeMs = options.timeMs ?? 200;
  // Wall-clock batches (tinybench) for the per-call cost; after each, a CPU-time run: the
  // figures reported, since on the shared machine wall time counts time spent descheduled.
  const cpu: number[][] = tasks.map(() => []);
  const measured = await measureBatchesInterleaved(
    tasks,
    { batchSize: DECISIONS, runs: options.runs ?? 5, timeMs, warmupMs: 50 },
    (t) => cpu[t].push(cpuRate(tasks[t].batch, DECISIONS, timeMs)),
  );
  if (sink === Number.NEGATIVE_INFINITY) options.log?.("unreachable"); // keeps `sink` live
  const rate = (i: number): RateSpread => {
    const s = spreadOf(cpu[i]);
    return { median: s.median, min: s.min, max: s.max };
  };
  const rows: BatchRoutingResult["rows"] = [];
  const oneAtATime: BatchRoutingResult["oneAtATime"] = [];
  let fixedCostPerCallNs = Number.NaN;
  tasks.forEach((t, i) => {
    if (t.size === 0) oneAtATime.push({ strategy: t.strategy, decisionsPerSecond: rate(i) });
    else if (t.size > 0)
      rows.push({ strategy: t.strategy, batchSize: t.size, decisionsPerSecond: rate(i) });
    else fixedCostPerCallNs = measured[i].perOpNs.p50;
  });
  const bestRatio: Record<string, number> = {};
  const largest = Math.max(...sizes);
  for (const o of oneAtATime) {
    const row = rows.find((r) => r.strategy === o.strategy && r.batchSize === largest);
    if (row) bestRatio[o.strategy] = row.decisionsPerSecond.median / o.decisionsPerSecond.median;
  }
  return { decisionsPerCall: DECISIONS, rows, oneAtATime, fixedCostPerCallNs, bestRatio };
}

/**
 * Formats a result as text table rows (header first).
 * @param result a measurement
 * @returns rows of cells
 */
export function batchRoutingTable(result: BatchRoutingResult): string[][] {
  const fmt = (x: number) => Math.round(x).toLocaleString("en-US");
  const single = new Map(result.oneAtATime.map((o) => [o.strategy, o.decisionsPerSecond.median]));
  return [
    ["strategy", "batch size", "decisions/s per core (CPU, median)", "min–max", "× one at a time"],
    ...result.oneAtATime.map((o) => [
      o.strategy,
      "one at a time",
      fmt(o.decisionsPerSecond.median),
      `${fmt(o.decisionsPerSecond.min)}–${fmt(o.decisionsPerSecond.max)}`,
      "1.00",
    ]),
    ...result.rows.map((r) => [
      r.strategy,
      fmt(r.batchSize),
      fmt(r.decisionsPerSecond.median),
      `${fmt(r.decisionsPerSecond.min)}–${fmt(r.decisionsPerSecond.max)}`,
      (r.decisionsPerSecond.median / (single.get(r.strategy) ?? Number.NaN)).toFixed(2),
    ]),
    ["fixed cost of a select call", "", `${result.fixedCostPerCallNs.toFixed(1)} ns`, "", ""],
  ];
}

/** The `batchRouting` section of `routing-lab bench`. */
export const batchRoutingSection = defineSection<BatchRoutingResult>({
  id: "batchRouting",
  title: `Batch routing (routeBatch) against one at a time; the old claim: ${BATCH_CLAIM.low}–${BATCH_CLAIM.high}× throughput`,
  run: async (context) =>
    measureBatchRouting({
      runs: context.quick ? 3 : 5,
      timeMs: context.quick ? 80 : 200,
      seed: context.seed,
      log: context.log,
    }),
  table: batchRoutingTable,
});
