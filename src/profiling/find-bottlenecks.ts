import { formatCount, formatMs, formatPercent, formatRatio } from "../format/number.js";
import { wilsonInterval } from "../stats/wilson-interval.js";
import {
  type BottleneckThresholds,
  DEFAULT_BOTTLENECK_THRESHOLDS,
} from "./bottleneck-thresholds.js";
import type { NamedSeriesSummary, ProfileReport } from "./profile-report.js";
import type { SeriesSummary } from "./series-stats.js";

/** How bad a finding is. */
export type Severity = "critical" | "warning";

/** The rules {@link findBottlenecks} applies. */
export type BottleneckRule =
  | "slo-breach"
  | "slow-backend"
  | "tail-amplification"
  | "low-cache-hit-rate"
  | "load-imbalance"
  | "routing-overhead"
  | "error-rate"
  | "timeout-rate"
  | "latency-drift";

/** One bottleneck, with the numbers that show it. */
export interface Finding {
  /** `rule:subject`, stable across runs. */
  id: string;
  rule: BottleneckRule;
  /** What it is about: a backend, a pattern, `queries`, `cache`, `routing`, `backends`. */
  subject: string;
  severity: Severity;
  /** observed / threshold (≥ 1): how far past the threshold; ranks equal severities. */
  excess: number;
  /** One sentence with the evidence in it. */
  message: string;
  /** The numbers behind the finding (ms, rates in [0, 1], counts, ratios). */
  evidence: Record<string, number>;
}

/** Options for {@link findBottlenecks}. */
export interface BottleneckOptions {
  /** The latency SLO in ms (a scenario's `slo.latencyMs`). */
  sloMs: number;
  /** Overrides for {@link DEFAULT_BOTTLENECK_THRESHOLDS}. */
  thresholds?: Partial<BottleneckThresholds>;
}

const SUMMARY_KEYS: Record<number, "p50" | "p90" | "p95" | "p99" | "p999"> = {
  0.5: "p50",
  0.9: "p90",
  0.95: "p95",
  0.99: "p99",
  0.999: "p999",
};

const SEVERITY_RANK: Record<Severity, number> = { critical: 2, warning: 1 };

/**
 * Finds bottlenecks in a profile, judged against an SLO and thresholds (defaults in
 * {@link DEFAULT_BOTTLENECK_THRESHOLDS}). Rules:
 * - `slo-breach`: end-to-end p(sloQuantile) over the SLO;
 * - `slow-backend`: a backend's p(sloQuantile), or its p95, over the SLO;
 * - `tail-amplification`: a pattern's p99 well above the baseline pattern's (or single calls');
 * - `low-cache-hit-rate`;
 * - `load-imbalance`: busiest backend's share far above its fair share;
 * - `routing-overhead`: routing's share of total latency;
 * - `error-rate`, `timeout-rate`: per backend and end to end, when the rate's Wilson interval
 *   lies above the budget;
 * - `latency-drift`: windowed p95 rising between the first and last thirds of the run.
 *
 * Series with fewer than `minSamples` requests are not judged.
 *
 * @param report a profile report (`profiler.report()`)
 * @param options the SLO and threshold overrides
 * @returns findings ranked: critical first, then by how far past their thresholds
 * @throws {RangeError} when the SLO is not positive or `sloQuantile` is not one the report
 * carries (0.5, 0.9, 0.95, 0.99, 0.999)
 * @example findBottlenecks(profiler.report(), { sloMs: 200 })
 */
export function findBottlenecks(report: ProfileReport, options: BottleneckOptions): Finding[] {
  const t: BottleneckThresholds = { ...DEFAULT_BOTTLENECK_THRESHOLDS, ...options.thresholds };
  const slo = options.sloMs;
  if (!(slo > 0 && Number.isFinite(slo))) {
    throw new RangeError(`the SLO must be a positive number of ms, got ${slo}`);
  }
  const qKey = SUMMARY_KEYS[t.sloQuantile];
  if (qKey === undefined) {
    throw new RangeError(
      `sloQuantile must be one of ${Object.keys(SUMMARY_KEYS).join(", ")}, got ${t.sloQuantile}`,
    );
  }
  const qLabel = qKey === "p999" ? "p99.9" : qKey;
  const out: Finding[] = [];
  const add = (
    rule: BottleneckRule,
    subject: string,
    severity: Severity,
    excess: number,
    message: string,
    evidence: Record<string, number>,
  ) => out.push({ id: `${rule}:${subject}`, rule, subject, severity, excess, message, evidence });
  const enough = (s: SeriesSummary) => s.count >= t.minSamples;

  // End-to-end SLO.
  const q = report.queries;
  if (enough(q) && q[qKey] > slo) {
    const ratio = q[qKey] / slo;
    add(
      "slo-breach",
      "queries",
      ratio >= t.criticalSloRatio ? "critical" : "warning",
      ratio,
      `queries: ${qLabel} ${formatMs(q[qKey])} exceeds the ${formatMs(slo)} SLO, ${formatRatio(ratio)} (p95 ${formatMs(q.p95)}, p50 ${formatMs(q.p50)}; ${formatCount(q.count)} queries)`,
      { [qKey]: q[qKey], p50: q.p50, p95: q.p95, sloMs: slo, ratio, queries: q.count },
    );
  }

  // Slow backends.
  for (const b of report.backends) {
    if (!enough(b)) continue;
    const over = b[qKey] > slo;
    const p95Over = b.p95 > slo;
    if (!over && !p95Over) continue;
    const ratio = b[qKey] / slo;
    const severity: Severity = p95Over || ratio >= t.criticalSloRatio ? "critical" : "warning";
    add(
      "slow-backend",
      b.name,
      severity,
      ratio,
      `backend ${b.name}: ${qLabel} ${formatMs(b[qKey])} is ${formatRatio(ratio)} the ${formatMs(slo)} SLO (p95 ${formatMs(b.p95)}, p50 ${formatMs(b.p50)}; ${formatCount(b.count)} calls, ${formatPercent(b.share)} of traffic)`,
      {
        p50: b.p50,
        p95: b.p95,
        [qKey]: b[qKey],
        sloMs: slo,
        ratio,
        calls: b.count,
        share: b.share,
      },
    );
  }

  // Tail amplification in patterns.
  const basePattern = report.patterns.find((p) => p.name === t.baselinePattern);
  const baseline: SeriesSummary | undefined =
    basePattern !== undefined && enough(basePattern) ? basePattern : report.calls;
  const baselineName = baseline === basePattern ? t.baselinePattern : "single backend calls";
  if (baseline !== undefined && enough(baseline) && baseline.p99 > 0) {
    for (const p of report.patterns) {
      if (p === basePattern || !enough(p)) continue;
      const amp = p.p99 / baseline.p99;
      if (!(amp > t.maxTailAmplification)) continue;
      add(
        "tail-amplification",
        p.name,
        p.p99 > slo ? "critical" : "warning",
        amp / t.maxTailAmplification,
        `pattern ${p.name}: p99 ${formatMs(p.p99)} is ${formatRatio(amp)} the ${baselineName} p99 ${formatMs(baseline.p99)} (p50 ${formatMs(p.p50)} vs ${formatMs(baseline.p50)}; SLO ${formatMs(slo)})`,
        {
          p50: p.p50,
          p99: p.p99,
          baselineP50: baseline.p50,
          baselineP99: baseline.p99,
          amplification: amp,
          sloMs: slo,
          queries: p.count,
        },
      );
    }
  }

  // Cache.
  const c = report.cache;
  const hitUpper = wilsonInterval(c.hits, c.lookups, t.rateConfidenceZ)[1];
  if (c.lookups >= t.minSamples && hitUpper < t.minCacheHitRate) {
    add(
      "low-cache-hit-rate",
      "cache",
      c.hitRate < t.minCacheHitRate / 2 ? "critical" : "warning",
      c.hitRate > 0 ? t.minCacheHitRate / c.hitRate : Number.POSITIVE_INFINITY,
      `cache hit rate ${formatPercent(c.hitRate)} is below ${formatPercent(t.minCacheHitRate, 0)} (${formatCount(c.hits)} hits in ${formatCount(c.lookups)} lookups)`,
      {
        hitRate: c.hitRate,
        hitRateUpper: hitUpper,
        hits: c.hits,
        lookups: c.lookups,
        threshold: t.minCacheHitRate,
      },
    );
  }

  // Load imbalance.
  const load = report.backendLoad;
  if (load.targets >= 2 && load.total >= t.minSamples && load.peakToFair > t.maxPeakToFair) {
    const busiest = report.backends.find((b) => b.name === load.busiest);
    const busiestBreaches = busiest !== undefined && enough(busiest) && busiest[qKey] > slo;
    add(
      "load-imbalance",
      "backends",
      busiestBreaches ? "critical" : "warning",
      load.peakToFair / t.maxPeakToFair,
      `backend ${load.busiest} takes ${formatPercent(load.shares[load.busiest])} of calls, ${formatRatio(load.peakToFair)} its fair share; ${load.idlest} gets ${formatPercent(load.idlestShare)}${busiestBreaches ? ` and ${load.busiest}'s ${qLabel} ${formatMs(busiest[qKey])} breaches the SLO` : ""}`,
      {
        peakToFair: load.peakToFair,
        busiestShare: load.shares[load.busiest],
        idlestShare: load.idlestShare,
        cv: load.cv,
        backends: load.targets,
      },
    );
  }

  // Routing overhead.
  const r = report.routing;
  if (r.summary.count >= t.minSamples && r.shareOfLatency > t.maxRoutingShare) {
    add(
      "routing-overhead",
      "routing",
      r.shareOfLatency >= t.criticalRoutingShare ? "critical" : "warning",
      r.shareOfLatency / t.maxRoutingShare,
      `routing (${r.operation}) takes ${formatPercent(r.shareOfLatency)} of total latency: mean ${formatMs(r.summary.mean)}, p99 ${formatMs(r.summary.p99)} per decision vs query mean ${formatMs(report.queries.mean)}`,
      {
        share: r.shareOfLatency,
        routingMeanMs: r.summary.mean,
        routingP99Ms: r.summary.p99,
        queryMeanMs: report.queries.mean,
        decisions: r.summary.count,
      },
    );
  }

  // Errors and timeouts, per backend and end to end.
  const rated: [string, SeriesSummary | NamedSeriesSummary][] = [
    ["queries", report.queries],
    ...report.backends.map((b): [string, NamedSeriesSummary] => [b.name, b]),
  ];
  for (const [name, s] of rated) {
    if (!enough(s)) continue;
    const label = name === "queries" ? "queries" : `backend ${name}`;
    for (const [rule, rate, limit, count, word] of [
      ["error-rate", s.errorRate, t.maxErrorRate, s.errors, "errors"],
      ["timeout-rate", s.timeoutRate, t.maxTimeoutRate, s.timeouts, "timeouts"],
    ] as const) {
      const lower = wilsonInterval(count, s.count, t.rateConfidenceZ)[0];
      if (!(lower > limit)) continue;
      add(
        rule,
        name,
        rate >= limit * t.criticalRateFactor ? "critical" : "warning",
        rate / limit,
        `${label}: ${word} ${formatPercent(rate, 2)} (${formatCount(count)} of ${formatCount(s.count)}) over the ${formatPercent(limit, 2)} budget`,
        { rate, rateLower: lower, count, requests: s.count, threshold: limit },
      );
    }
  }

  // Drift over time.
  const ws = report.windows.filter((w) => w.queries >= t.minWindowSamples);
  if (ws.length >= t.minWindows) {
    const third = Math.floor(ws.length / 3);
    const early = median(ws.slice(0, third).map((w) => w.p95));
    const late = median(ws.slice(ws.length - third).map((w) => w.p95));
    const ratio = late / early;
    if (early > 0 && ratio > t.maxDriftRatio) {
      add(
        "latency-drift",
        "queries",
        late > slo ? "critical" : "warning",
        ratio / t.maxDriftRatio,
        `latency drifts: windowed p95 rose from ${formatMs(early)} (first third) to ${formatMs(late)} (last third), ${formatRatio(ratio)}, over ${ws.length} windows of ${formatMs(report.windowMs)}`,
        { earlyP95: early, lateP95: late, ratio, windows: ws.length, windowMs: report.windowMs },
      );
    }
  }

  return out.sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      b.excess - a.excess ||
      (a.id < b.id ? -1 : 1),
  );
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}
