/**
 * Notebook 11, caching and batching: the old system's two immediate recommendations measured
 * in the simulator. Hit rate against capacity per eviction policy beside the independent
 * reference model's approximations, the one objective and latency with and without the
 * cache, staleness under drift, the "10–100×" claim checked two ways, and batch routing.
 */

import {
  BATCH_CLAIM,
  type BatchRoutingResult,
  measureBatchRouting,
} from "../../bench/batch-routing.js";
import { pathFromRoot } from "../../lab/path-from-root.js";
import { cheHitRate, fifoHitRate, zipfPopularities } from "../../sim/cache/approximations.js";
import type { RunTotals } from "../../sim/metrics/types.js";
import { CompiledScenario } from "../../sim/model/compiled-scenario.js";
import { runSimulation } from "../../sim/run/run-simulation.js";
import { loadScenario } from "../../sim/scenario/load.js";
import type { CachePolicy, CacheSpec, Scenario } from "../../sim/scenario/spec.js";
import { type Estimate, meanInterval } from "../../stats/estimate.js";
import { median } from "../../stats/median.js";
import type { CachingStudyPlan } from "./plan.js";
import type {
  BatchCheck,
  CacheOutcome,
  CachingStudyResult,
  HitRateRow,
  SpeedupCheck,
  StalenessRow,
  TheoryRow,
} from "./result.js";

/** The old system's claim for query caching, "10–100× speedup for repeated queries". */
export const CACHE_CLAIM = { low: 10, high: 100 } as const;

/** Options of {@link runCachingStudy}. */
export interface CachingStudyOptions {
  /**
   * A bench result's `sections.batchRouting` (e.g. from `results/bench.json`): the study reads
   * its ratios instead of measuring. Without it the study measures with the bench's own
   * function at the plan's sizes, so the notebook's figures come from the run that writes them.
   */
  batchRouting?: BatchRoutingResult;
  log?: (line: string) => void;
}

/**
 * Runs the study on this thread.
 *
 * @param plan from {@link cachingStudyPlan}
 * @param options a bench result to read the batch ratios from; a progress log
 * @returns hit rates, theory, with/without, staleness, the speedup checks and the batch ratios
 * @throws {ScenarioError} when the scenario is missing or malformed
 * @throws {RangeError} when the scenario has no cache or no repeats catalogue
 * @example const result = await runCachingStudy(cachingStudyPlan({ quick: true }))
 */
export async function runCachingStudy(
  plan: CachingStudyPlan,
  options: CachingStudyOptions = {},
): Promise<CachingStudyResult> {
  const scenario = loadScenario(plan.scenarioFile);
  const base = scenario.cache;
  const repeats = scenario.workload.repeats;
  if (base === undefined || repeats === undefined) {
    throw new RangeError(
      `${plan.scenarioFile}: the caching study needs a cache and workload.repeats`,
    );
  }
  const log = options.log ?? (() => {});

  // Each configuration's totals over the repetitions, run once and reused.
  const memo = new Map<string, RunTotals[]>();
  const totalsOf = (policy: CachePolicy | null, capacity: number): RunTotals[] => {
    const key = `${policy ?? "none"} ${capacity}`;
    let runs = memo.get(key);
    if (runs === undefined) {
      const compiled = new CompiledScenario(variant(scenario, policy, capacity, plan.ttlMs));
      runs = Array.from({ length: plan.reps }, (_, repetition) => {
        return runSimulation({
          scenario: compiled,
          strategy: plan.strategy,
          rounds: plan.rounds,
          seed: plan.seed,
          repetition,
        }).totals;
      });
      memo.set(key, runs);
      log(`${key}: ${plan.reps} × ${plan.rounds} queries`);
    }
    return runs;
  };
  const est = (runs: RunTotals[], f: (t: RunTotals) => number): Estimate =>
    meanInterval(runs.map(f));

  const { distinctQueries, zipfExponent } = repeats;
  const hitRates: HitRateRow[] = plan.policies.flatMap((policy) =>
    plan.capacities.map((capacity) => {
      const runs = totalsOf(policy, capacity);
      return {
        policy,
        capacity,
        share: capacity / distinctQueries,
        hitRate: est(runs, (t) => t.cacheHitRate),
        staleHitRate: est(runs, (t) => t.staleHitRate),
        sloAttainment: est(runs, (t) => t.sloAttainment),
      };
    }),
  );

  const popularities = zipfPopularities(distinctQueries, zipfExponent);
  const theory: TheoryRow[] = plan.capacities
    .filter((c) => c >= 1 && c < distinctQueries)
    .map((capacity) => ({
      capacity,
      che: cheHitRate(popularities, capacity),
      fifo: fifoHitRate(popularities, capacity),
    }));

  const without = totalsOf(null, 0);
  const withCache = totalsOf(base.policy, base.capacity);
  const withWithout = {
    without: outcome("no cache", without),
    with: outcome(`${base.policy} ${base.capacity}`, withCache),
    sloChange: meanInterval(withCache.map((t, i) => t.sloAttainment - without[i].sloAttainment)),
  };

  const staleness: StalenessRow[] = plan.policies.map((policy) => {
    const runs = totalsOf(policy, base.capacity);
    return {
      policy,
      capacity: base.capacity,
      hitRate: est(runs, (t) => t.cacheHitRate),
      staleHitRate: est(runs, (t) => t.staleHitRate),
      staleMetRate: est(runs, (t) => t.staleMetRate),
      staleCost: est(runs, (t) => t.staleCost),
      sloAttainment: est(runs, (t) => t.sloAttainment),
    };
  });

  const speedup = speedupCheck(scenario, plan, withWithout);
  log("speedup: the repeated queries with and without the cache");
  const batch = await batchCheck(plan, options);

  return {
    // The scenario as a path from the project root, so the results file reads the same anywhere.
    plan: { ...plan, scenarioFile: pathFromRoot(plan.scenarioFile) },
    claims: {
      cacheSpeedup: { low: CACHE_CLAIM.low, high: CACHE_CLAIM.high },
      batchThroughput: { low: BATCH_CLAIM.low, high: BATCH_CLAIM.high },
    },
    catalogue: { distinctQueries, zipfExponent },
    baseCache: { policy: base.policy, capacity: base.capacity },
    hitRates,
    theory,
    withWithout,
    staleness,
    speedup,
    batch,
  };
}

/** The scenario with its cache replaced (`policy` null: without a cache). */
function variant(
  scenario: Scenario,
  policy: CachePolicy | null,
  capacity: number,
  ttlMs: number,
): Scenario {
  const { cache, ...rest } = scenario;
  if (policy === null || cache === undefined) return rest;
  const { ttlMs: _ttl, ...kept } = cache;
  const next: CacheSpec = { ...kept, policy, capacity };
  // `ttlMs` is required for ttl-lru and refused for the others (see cache-schema.ts).
  if (policy === "ttl-lru") next.ttlMs = cache.ttlMs ?? ttlMs;
  return { ...rest, cache: next };
}

function outcome(label: string, runs: RunTotals[]): CacheOutcome {
  const est = (f: (t: RunTotals) => number) => meanInterval(runs.map(f));
  return {
    label,
    cacheHitRate: est((t) => t.cacheHitRate),
    sloAttainment: est((t) => t.sloAttainment),
    latencyMeanMs: est((t) => t.latency.mean),
    latencyP50Ms: est((t) => t.latency.p50),
    latencyP99Ms: est((t) => t.latency.p99),
  };
}

/**
 * The "10–100×" claim two ways. On the repeated queries alone: the first repetition runs with
 * the cache and without it from the same seed, so query i is the same catalogue query in both
 * (the workload draws from its own stream; the study's test checks it); the queries the cache
 * answered are compared with the same queries routed. On the whole workload: latency without
 * the cache / with it, means over repetitions.
 */
function speedupCheck(
  scenario: Scenario,
  plan: CachingStudyPlan,
  ww: { without: CacheOutcome; with: CacheOutcome; sloChange: Estimate },
): SpeedupCheck {
  const latencies = (s: Scenario) => {
    const latency = new Float64Array(plan.rounds);
    const routed = new Uint8Array(plan.rounds);
    runSimulation({
      scenario: s,
      strategy: plan.strategy,
      rounds: plan.rounds,
      seed: plan.seed,
      observe: () => ({
        deciding: (i) => {
          routed[i] = 1;
        },
        finished: (i, q) => {
          latency[i] = q.latencyMs;
        },
      }),
    });
    return { latency, routed };
  };
  const cached = latencies(scenario);
  const plain = latencies(variant(scenario, null, 0, plan.ttlMs));
  // A query the cached run finished without routing is a hit (every backend is available in
  // this scenario, so no query finishes unrouted for want of one).
  const hit: number[] = [];
  const routed: number[] = [];
  for (let i = 0; i < plan.rounds; i++) {
    if (cached.routed[i] === 1) continue;
    hit.push(cached.latency[i]);
    routed.push(plain.latency[i]);
  }
  const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
  return {
    repeatedQueries: hit.length,
    hitLatencyMeanMs: mean(hit),
    routedLatencyMeanMs: mean(routed),
    repeatedMeanRatio: mean(routed) / mean(hit),
    repeatedMedianRatio: median(routed) / median(hit),
    workloadMeanRatio: ww.without.latencyMeanMs.mean / ww.with.latencyMeanMs.mean,
    workloadP50Ratio: ww.without.latencyP50Ms.mean / ww.with.latencyP50Ms.mean,
    workloadP99Ratio: ww.without.latencyP99Ms.mean / ww.with.latencyP99Ms.mean,
  };
}

/** Batch routing from a bench result, or measured with the bench's function at the plan's sizes. */
async function batchCheck(
  plan: CachingStudyPlan,
  options: CachingStudyOptions,
): Promise<BatchCheck> {
  const measurement =
    options.batchRouting ??
    (await measureBatchRouting({
      strategies: plan.batch.strategies,
      batchSizes: plan.batch.batchSizes,
      runs: plan.batch.runs,
      timeMs: plan.batch.timeMs,
      seed: plan.seed,
      log: options.log,
    }));
  const nsPerDecision: Record<string, number> = {};
  const ceiling: Record<string, number> = {};
  for (const o of measurement.oneAtATime) {
    const ns = 1e9 / o.decisionsPerSecond.median;
    nsPerDecision[o.strategy] = ns;
    ceiling[o.strategy] = ns / (ns - measurement.fixedCostPerCallNs);
  }
  return {
    source: options.batchRouting ? "bench" : "measured",
    measurement,
    nsPerDecision,
    ceiling,
  };
}
