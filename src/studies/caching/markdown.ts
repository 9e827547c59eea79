/** Notebook 11's tables. */
import { formatPercent } from "../../format/number.js";
import { formatPoints } from "../../profiling/format-advice.js";
import type { Estimate } from "../../stats/estimate.js";
import type { CachingStudyResult } from "./result.js";

const pct = (e: Estimate) => formatPercent(e.mean);
const ms = (e: Estimate) => `${e.mean.toPrecision(3)} ms`;
const times = (x: number) => `${x.toPrecision(3)}×`;

/**
 * Hit rate against capacity per policy, beside the approximations.
 *
 * @param result from {@link runCachingStudy}
 * @returns a markdown table
 */
export function formatCachingHitRates(result: CachingStudyResult): string {
  const { plan } = result;
  const theory = new Map(result.theory.map((t) => [t.capacity, t]));
  const cell = (policy: string, capacity: number) => {
    const row = result.hitRates.find((r) => r.policy === policy && r.capacity === capacity);
    return row ? pct(row.hitRate) : "—";
  };
  return [
    `**Hit rate against capacity** (${result.catalogue.distinctQueries.toLocaleString("en-US")} distinct queries, Zipf ${result.catalogue.zipfExponent}; ${plan.strategy}, ${plan.rounds.toLocaleString("en-US")} queries × ${plan.reps} repetitions from a cold cache; \`ttl-lru\` with TTL ${plan.ttlMs / 1000} s):`,
    "",
    `| capacity | share | ${plan.policies.join(" | ")} | Che (LRU) | FIFO approx. |`,
    `|---|---|${plan.policies.map(() => "---|").join("")}---|---|`,
    ...plan.capacities.map((c) => {
      const t = theory.get(c);
      return `| ${c.toLocaleString("en-US")} | ${formatPercent(c / result.catalogue.distinctQueries)} | ${plan.policies.map((p) => cell(p, c)).join(" | ")} | ${t ? formatPercent(t.che) : "—"} | ${t ? formatPercent(t.fifo) : "—"} |`;
    }),
  ].join("\n");
}

/**
 * With and without the cache, staleness per policy, and the speedup checks.
 *
 * @param result from {@link runCachingStudy}
 * @returns markdown tables
 */
export function formatCachingOutcomes(result: CachingStudyResult): string {
  const { withWithout: ww, speedup: s, claims } = result;
  const row = (o: CachingStudyResult["withWithout"]["with"]) =>
    `| ${o.label} | ${pct(o.cacheHitRate)} | ${pct(o.sloAttainment)} (${formatPercent(o.sloAttainment.lo)}–${formatPercent(o.sloAttainment.hi)}) | ${ms(o.latencyMeanMs)} | ${ms(o.latencyP50Ms)} | ${ms(o.latencyP99Ms)} |`;
  return [
    "**With and without the cache** (means over repetitions, 95 % interval of SLO attainment):",
    "",
    "| configuration | hit rate | SLO attainment | mean latency | p50 | p99 |",
    "|---|---|---|---|---|---|",
    row(ww.without),
    row(ww.with),
    "",
    `SLO attainment with the cache minus without, paired by repetition: ${formatPoints(ww.sloChange.mean)} points (95 % interval ${formatPoints(ww.sloChange.lo)} to ${formatPoints(ww.sloChange.hi)}).`,
    "",
    `**Staleness under drift** (capacity ${result.baseCache.capacity.toLocaleString("en-US")}; stale cost in SLO attainment per query, negative when the stale answer was the better one):`,
    "",
    "| policy | hit rate | stale hits | stale hits that met the SLO | stale cost | SLO attainment |",
    "|---|---|---|---|---|---|",
    ...result.staleness.map(
      (r) =>
        `| ${r.policy} | ${pct(r.hitRate)} | ${pct(r.staleHitRate)} | ${pct(r.staleMetRate)} | ${(r.staleCost.mean * 100).toFixed(2)} pts | ${pct(r.sloAttainment)} |`,
    ),
    "",
    `**The old claim, "${claims.cacheSpeedup.low}–${claims.cacheSpeedup.high}× speedup for repeated queries":**`,
    "",
    `- on the repeated queries alone (${s.repeatedQueries.toLocaleString("en-US")} cache hits): ${s.hitLatencyMeanMs.toPrecision(3)} ms as hits against ${s.routedLatencyMeanMs.toPrecision(3)} ms routed, ${times(s.repeatedMeanRatio)} (medians: ${times(s.repeatedMedianRatio)});`,
    `- on the whole workload: mean latency ${times(s.workloadMeanRatio)}, p50 ${times(s.workloadP50Ratio)}, p99 ${times(s.workloadP99Ratio)} (without / with).`,
  ].join("\n");
}

/**
 * The batch routing ratios and the fixed cost of a call.
 *
 * @param result from {@link runCachingStudy}
 * @returns a markdown table
 */
export function formatCachingBatch(result: CachingStudyResult): string {
  const b = result.batch;
  const m = b.measurement;
  const single = new Map(m.oneAtATime.map((o) => [o.strategy, o.decisionsPerSecond.median]));
  return [
    `**Batch routing** (${b.source === "bench" ? "from the bench's batchRouting section" : "measured by this study with the bench's function"}; decisions per CPU-second, medians; the old claim ${result.claims.batchThroughput.low}–${result.claims.batchThroughput.high}×):`,
    "",
    "| strategy | batch size | decisions/s | × one at a time |",
    "|---|---|---|---|",
    ...m.oneAtATime.map(
      (o) =>
        `| ${o.strategy} | one at a time | ${Math.round(o.decisionsPerSecond.median).toLocaleString("en-US")} | 1.00× |`,
    ),
    ...m.rows.map(
      (r) =>
        `| ${r.strategy} | ${r.batchSize.toLocaleString("en-US")} | ${Math.round(r.decisionsPerSecond.median).toLocaleString("en-US")} | ${(r.decisionsPerSecond.median / (single.get(r.strategy) ?? Number.NaN)).toFixed(2)}× |`,
    ),
    "",
    `A \`select\` call that does no work costs ${m.fixedCostPerCallNs.toFixed(1)} ns; one decision costs ${Object.entries(
      b.nsPerDecision,
    )
      .map(([k, ns]) => `${ns.toFixed(0)} ns (${k})`)
      .join(", ")}. Removing the whole call cost could gain at most ${Object.entries(b.ceiling)
      .map(([k, c]) => `${c.toFixed(3)}× (${k})`)
      .join(", ")}.`,
  ].join("\n");
}
