/**
 * The summary's caching and batching section: the old system's two immediate recommendations
 * ("10–100× speedup for repeated queries" from a query cache, "2–5× throughput" from batch
 * routing) measured in the lab. Every number, the claims included, is read from notebook 11's
 * results file.
 */
import type { CachingStudyResult } from "../studies/index.js";
import type { Cell, ReportBuilder } from "./document.js";
import type { ValueFormat } from "./format.js";
import { type ResultSource, sourced as v } from "./sourced.js";

const pct: ValueFormat = { kind: "percent" };
const ms: ValueFormat = { kind: "ms" };
const ratio: ValueFormat = { kind: "ratio" };
const n = (digits = 0): ValueFormat => ({ kind: "number", digits });
const text: ValueFormat = { kind: "text" };
const points: ValueFormat = { kind: "points" };

/**
 * Appends the section to a report.
 *
 * @param r the report being built
 * @param c notebook 11's results file
 * @returns the builder
 */
export function cachingSection(
  r: ReportBuilder,
  c: ResultSource<CachingStudyResult>,
): ReportBuilder {
  const d = c.data;
  r.heading(2, "Caching and batching");
  r.paragraph(
    "The old system's two immediate recommendations, measured. The cache runs on ",
    v(c, (x) => x.plan.scenarioFile, text),
    " (",
    v(c, (x) => x.catalogue.distinctQueries, n()),
    " distinct queries drawn with Zipf exponent ",
    v(c, (x) => x.catalogue.zipfExponent, n(1)),
    ", routed by ",
    v(c, (x) => x.plan.strategy, text),
    ", ",
    v(c, (x) => x.plan.rounds, n()),
    " queries × ",
    v(c, (x) => x.plan.reps, n()),
    " repetitions per configuration, from a cold cache). Hit rate against capacity per eviction policy, beside the independent reference model's approximations for the same catalogue (Che's for LRU, the FIFO one):",
  );
  const policies = d.plan.policies;
  const rows: Cell[][] = d.plan.capacities.map((capacity, ci) => {
    const t = d.theory.findIndex((x) => x.capacity === capacity);
    return [
      v(c, (x) => x.plan.capacities[ci], n()),
      ...policies.map((policy): Cell => {
        const i = d.hitRates.findIndex((h) => h.policy === policy && h.capacity === capacity);
        return i < 0 ? "—" : v(c, (x) => x.hitRates[i].hitRate.mean, pct);
      }),
      t < 0 ? "—" : v(c, (x) => x.theory[t].che, pct),
      t < 0 ? "—" : v(c, (x) => x.theory[t].fifo, pct),
    ];
  });
  r.table(["capacity", ...policies, "Che (LRU)", "FIFO approx."], rows);

  r.paragraph(
    "The one objective with and without the cache (",
    v(c, (x) => x.withWithout.with.label, text),
    "): SLO attainment ",
    v(c, (x) => x.withWithout.without.sloAttainment.mean, pct),
    " without and ",
    v(c, (x) => x.withWithout.with.sloAttainment.mean, pct),
    " with it, a change of ",
    v(c, (x) => x.withWithout.sloChange.mean, points),
    " points (paired by repetition, 95 % interval ",
    v(c, (x) => x.withWithout.sloChange.lo, points),
    " to ",
    v(c, (x) => x.withWithout.sloChange.hi, points),
    ": ",
    changeVerdict(d.withWithout.sloChange),
    ") at a hit rate of ",
    v(c, (x) => x.withWithout.with.cacheHitRate.mean, pct),
    "; latency p50 ",
    v(c, (x) => x.withWithout.without.latencyP50Ms.mean, ms),
    " → ",
    v(c, (x) => x.withWithout.with.latencyP50Ms.mean, ms),
    ", p99 ",
    v(c, (x) => x.withWithout.without.latencyP99Ms.mean, ms),
    " → ",
    v(c, (x) => x.withWithout.with.latencyP99Ms.mean, ms),
    ".",
  );
  r.paragraph(
    "Staleness under the scenario's drift, at capacity ",
    v(c, (x) => x.baseCache.capacity, n()),
    ": the share of queries answered with an answer cached before the drift, and what those answers cost in SLO attainment per query (negative: the stale answer was the better one).",
  );
  r.table(
    ["policy", "hit rate", "stale hits", "stale cost (points)", "SLO attainment"],
    d.staleness.map((_, i): Cell[] => [
      v(c, (x) => x.staleness[i].policy, text),
      v(c, (x) => x.staleness[i].hitRate.mean, pct),
      v(c, (x) => x.staleness[i].staleHitRate.mean, pct),
      v(c, (x) => x.staleness[i].staleCost.mean, { kind: "points", digits: 2 }),
      v(c, (x) => x.staleness[i].sloAttainment.mean, pct),
    ]),
  );

  const s = d.speedup;
  const claim = d.claims.cacheSpeedup;
  const within = (x: number) =>
    x < claim.low ? "below the claim" : x > claim.high ? "above the claim" : "within the claim";
  r.bullets([
    [
      "**Caching, the old claim “",
      v(c, (x) => x.claims.cacheSpeedup.low, n()),
      "–",
      v(c, (x) => x.claims.cacheSpeedup.high, n()),
      "× speedup for repeated queries”.** On the repeated queries alone (the ",
      v(c, (x) => x.speedup.repeatedQueries, n()),
      " queries the cache answered, against the same queries routed in a run without the cache from the same seed): ",
      v(c, (x) => x.speedup.hitLatencyMeanMs, ms),
      " against ",
      v(c, (x) => x.speedup.routedLatencyMeanMs, ms),
      ", ",
      v(c, (x) => x.speedup.repeatedMeanRatio, ratio),
      ` (${within(s.repeatedMeanRatio)}; medians `,
      v(c, (x) => x.speedup.repeatedMedianRatio, ratio),
      "). On the whole workload: mean latency ",
      v(c, (x) => x.speedup.workloadMeanRatio, ratio),
      ", p50 ",
      v(c, (x) => x.speedup.workloadP50Ratio, ratio),
      ", p99 ",
      v(c, (x) => x.speedup.workloadP99Ratio, ratio),
      ` (without / with; the mean ${within(s.workloadMeanRatio)}): a hit is as fast as the cache, but only the hit share of the traffic gets it.`,
    ],
    batchBullet(c),
  ]);
  return r;
}

/** The batching claim against the measured ratios, and why when batching does not help. */
function batchBullet(c: ResultSource<CachingStudyResult>): Cell[] {
  const b = c.data.batch;
  const strategies = Object.keys(b.measurement.bestRatio);
  const sizes = b.measurement.rows.map((x) => x.batchSize);
  const largest = sizes.indexOf(Math.max(...sizes));
  const helps = strategies.some(
    (k) => b.measurement.bestRatio[k] >= c.data.claims.batchThroughput.low,
  );
  const list = (get: (k: string) => Cell, unit = ""): Cell[] =>
    strategies.flatMap((k, i): Cell[] => [i === 0 ? "" : ", ", get(k), `${unit} (${k})`]);
  const cells: Cell[] = [
    "**Batch routing, the old claim “",
    v(c, (x) => x.claims.batchThroughput.low, n()),
    "–",
    v(c, (x) => x.claims.batchThroughput.high, n()),
    "× throughput”.** Measured (",
    b.source === "bench"
      ? "the bench's batchRouting section"
      : "by notebook 11 with the bench's function",
    ", decisions per CPU-second, batches of ",
    v(c, (x) => x.batch.measurement.rows[largest].batchSize, n()),
    " against one at a time): ",
    ...list((k) => v(c, (x) => x.batch.measurement.bestRatio[k], ratio)),
    ". ",
  ];
  if (helps) return [...cells, "Batching reaches the claim here."];
  return [
    ...cells,
    "Batching does not help in JavaScript: routing is a function call in one process, not a request over a network, and the fixed cost of a `select` call (a router that returns a prepared decision, one at a time) is ",
    v(c, (x) => x.batch.measurement.fixedCostPerCallNs, n(1)),
    " ns of the ",
    ...list((k) => v(c, (x) => x.batch.nsPerDecision[k], n()), " ns"),
    " a decision takes, so even removing every call could gain at most ",
    ...list((k) => v(c, (x) => x.batch.ceiling[k], { kind: "ratio", digits: 4 })),
    ". The work per decision (classifying the text, drawing from the posteriors) is the same in a batch.",
  ];
}

/**
 * What a paired interval of a change shows, in words.
 *
 * @param change the paired difference, with minus without
 * @returns e.g. `no change shown`
 */
function changeVerdict(change: { lo: number; hi: number }): string {
  if (change.lo > 0) return "the cache raises it";
  if (change.hi < 0) return "the cache lowers it";
  return "no change shown";
}
