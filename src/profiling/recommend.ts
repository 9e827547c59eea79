import { formatMs, formatPercent, formatRatio } from "../format/number.js";
import type { BottleneckRule, Finding, Severity } from "./find-bottlenecks.js";
import type { ProfileReport } from "./profile-report.js";

/**
 * A change a recommendation proposes, precise enough to re-simulate (see `whatIf`).
 * - `hedge`: send a backup request to the next backend after `afterMs` (the calls' p95);
 * - `shift-traffic`: stop sending to `from` (the router then picks among the rest);
 * - `grow-cache`: multiply the cache's capacity (and TTL) by `factor`;
 * - `switch-strategy`: route with the named strategy (a `createRouter` name);
 * - `cache-decisions`: reuse routing decisions for repeated queries;
 * - `retune-discount`: give learning strategies a forgetting discount per outcome.
 */
export type RecommendationAction =
  | { kind: "hedge"; afterMs: number; percentile: number }
  | { kind: "shift-traffic"; from: string }
  | { kind: "grow-cache"; factor: number }
  | { kind: "switch-strategy"; to: string }
  | { kind: "cache-decisions" }
  | { kind: "retune-discount"; discount: number };

/** One recommendation, tied to the findings that call for it. */
export interface Recommendation {
  /** Stable id, e.g. `hedge` or `shift-traffic:neo4j`. */
  id: string;
  /** Imperative headline, e.g. `Hedge after the p95 (35.2 ms)`. */
  title: string;
  /** Why, with the numbers. */
  detail: string;
  /** The worst severity among its findings. */
  severity: Severity;
  /** Ids of the findings it addresses. */
  findings: string[];
  /** A change that can be re-simulated; absent for advice the simulator cannot model. */
  action?: RecommendationAction;
}

/**
 * Tuning for {@link recommend}. Defaults:
 * - `hedgePercentile` 0.95: *The Tail at Scale* hedges after the p95, costing ≈ 5 % extra load;
 * - `cacheGrowthFactor` 2: one doubling is the smallest change that shows in a hit rate;
 * - `loadAwareStrategy` `least-outstanding`: power-of-two-choices on requests in flight (as
 *   Envoy), which does not starve backends the way per-worker least-busy counters do;
 * - `driftDiscount` 0.99: an effective memory of ≈ 1/(1 − 0.99) = 100 outcomes per arm;
 * - `outlierFactor` 2: a backend is "degraded" (move traffic off it) only when its p95 or
 *   failure rate is at least twice the median of the other backends'; when all backends are
 *   alike the problem is systemic and moving traffic cannot help, so hedging or fallbacks are
 *   proposed instead.
 */
export interface RecommendOptions {
  hedgePercentile?: 0.9 | 0.95 | 0.99;
  cacheGrowthFactor?: number;
  loadAwareStrategy?: string;
  driftDiscount?: number;
  outlierFactor?: number;
  /** The strategy in use, when known; a switch to the same strategy is not proposed. */
  currentStrategy?: string;
}

const DEFAULTS = {
  hedgePercentile: 0.95,
  cacheGrowthFactor: 2,
  loadAwareStrategy: "least-outstanding",
  driftDiscount: 0.99,
  outlierFactor: 2,
} as const;

const RANK: Record<Severity, number> = { critical: 2, warning: 1 };

/**
 * Turns findings into recommendations. Several findings calling for the same change (e.g. an
 * SLO breach and a parallel pattern's tail both calling for hedging) become one
 * recommendation listing them all. Order follows the findings' rank.
 *
 * @param findings from `findBottlenecks`, ranked
 * @param report the profile they came from (for hedge delays and other numbers)
 * @param options tuning; see {@link RecommendOptions}
 * @returns recommendations, most urgent first
 * @example recommend(findBottlenecks(report, { sloMs: 200 }), report)
 */
export function recommend(
  findings: readonly Finding[],
  report: ProfileReport,
  options: RecommendOptions = {},
): Recommendation[] {
  const o = { ...DEFAULTS, ...options };
  const hedgeKey = o.hedgePercentile === 0.9 ? "p90" : o.hedgePercentile === 0.99 ? "p99" : "p95";
  const hedgeAfter = report.calls[hedgeKey];
  const byId = new Map<string, Recommendation>();
  const put = (f: Finding, r: Omit<Recommendation, "severity" | "findings">) => {
    const have = byId.get(r.id);
    if (have === undefined) {
      byId.set(r.id, { ...r, severity: f.severity, findings: [f.id] });
    } else {
      if (!have.findings.includes(f.id)) have.findings.push(f.id);
      if (RANK[f.severity] > RANK[have.severity]) have.severity = f.severity;
    }
  };
  const hedge = (f: Finding, why: string) =>
    put(f, {
      id: "hedge",
      title: `Hedge after the ${hedgeKey} (${formatMs(hedgeAfter)})`,
      detail: `${why} A backup request to the next backend after the single-call ${hedgeKey} (${formatMs(hedgeAfter)}) cuts the tail for about ${formatPercent(1 - o.hedgePercentile, 0)} extra backend calls.`,
      action: { kind: "hedge", afterMs: hedgeAfter, percentile: o.hedgePercentile },
    });
  const shift = (f: Finding, backend: string, why: string) =>
    put(f, {
      id: `shift-traffic:${backend}`,
      title: `Move traffic off ${backend}`,
      detail: `${why} Take ${backend} out of rotation (or down-weight it) until it recovers; a latency-aware strategy does this automatically.`,
      action: { kind: "shift-traffic", from: backend },
    });

  // Is backend `name` an outlier on `metric` against the median of the other backends?
  const outlier = (name: string, metric: (b: ProfileReport["backends"][number]) => number) => {
    const me = report.backends.find((b) => b.name === name);
    if (me === undefined) return false;
    const others = report.backends
      .filter((b) => b.name !== name)
      .map(metric)
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    if (others.length === 0) return true;
    const mid = others.length >> 1;
    const med = others.length % 2 === 1 ? others[mid] : (others[mid - 1] + others[mid]) / 2;
    return metric(me) >= o.outlierFactor * med;
  };
  const fallback = (f: Finding, what: string, rate: number) =>
    put(f, {
      id: `fallback:${f.rule}`,
      title: "Fall back to alternative backends on failure",
      detail: `${formatPercent(rate, 2)} of ${f.subject === "queries" ? "queries" : `${f.subject}'s calls`} end in ${what}, and no single backend stands out. Retry on the decision's next alternative, with a deadline below the SLO.`,
    });

  for (const f of findings) {
    const e = f.evidence;
    const rule: BottleneckRule = f.rule;
    switch (rule) {
      case "slo-breach":
        hedge(f, `End-to-end latency breaches the SLO (${formatMs(e.sloMs)}).`);
        break;
      case "slow-backend":
        if (outlier(f.subject, (b) => b.p95)) {
          shift(
            f,
            f.subject,
            `${f.subject} is slow: p95 ${formatMs(e.p95)} against a ${formatMs(e.sloMs)} SLO, at least ${formatRatio(o.outlierFactor)} the other backends'.`,
          );
        } else {
          hedge(f, `Every backend is slow, ${f.subject} among them (p95 ${formatMs(e.p95)}).`);
        }
        break;
      case "tail-amplification":
        hedge(
          f,
          `Pattern ${f.subject} amplifies the tail ${formatRatio(e.amplification)} (p99 ${formatMs(e.p99)}): waiting for the slowest of several calls.`,
        );
        break;
      case "low-cache-hit-rate":
        put(f, {
          id: "grow-cache",
          title: `Grow the cache ${o.cacheGrowthFactor}× (capacity or TTL)`,
          detail: `Only ${formatPercent(e.hitRate)} of lookups hit. If the workload repeats queries, a larger cache or a longer TTL raises the hit rate; if it does not, the cache costs more than it saves.`,
          action: { kind: "grow-cache", factor: o.cacheGrowthFactor },
        });
        break;
      case "load-imbalance":
        if (o.currentStrategy !== o.loadAwareStrategy) {
          put(f, {
            id: `switch-strategy:${o.loadAwareStrategy}`,
            title: `Switch to a load-aware strategy (${o.loadAwareStrategy})`,
            detail: `One backend takes ${formatRatio(e.peakToFair)} its fair share of calls. ${o.loadAwareStrategy} spreads load by requests in flight, so a hot or slow backend sheds traffic.`,
            action: { kind: "switch-strategy", to: o.loadAwareStrategy },
          });
        }
        break;
      case "routing-overhead":
        put(f, {
          id: "cache-decisions",
          title: "Cache routing decisions for repeated queries",
          detail: `Routing is ${formatPercent(e.share)} of latency (mean ${formatMs(e.routingMeanMs)} per decision). Reusing decisions for repeated queries, or a cheaper strategy, removes most of it.`,
          action: { kind: "cache-decisions" },
        });
        break;
      case "error-rate":
      case "timeout-rate":
        if (
          f.subject === "queries" ||
          !outlier(f.subject, (b) => (rule === "error-rate" ? b.errorRate : b.timeoutRate))
        ) {
          fallback(f, rule === "error-rate" ? "errors" : "timeouts", e.rate);
        } else {
          shift(
            f,
            f.subject,
            `${f.subject} fails: ${rule === "error-rate" ? "errors" : "timeouts"} on ${formatPercent(e.rate, 2)} of calls.`,
          );
        }
        break;
      case "latency-drift":
        put(f, {
          id: "retune-discount",
          title: `Let learning strategies forget (discount ${o.driftDiscount})`,
          detail: `Latency drifted ${formatRatio(e.ratio)} during the run (p95 ${formatMs(e.earlyP95)} → ${formatMs(e.lateP95)}). Stationary bandits keep trusting stale outcomes; a discount of ${o.driftDiscount} (memory ≈ ${Math.round(1 / (1 - o.driftDiscount))} outcomes), or a weaker prior, lets them follow the change.`,
          action: { kind: "retune-discount", discount: o.driftDiscount },
        });
        break;
    }
  }
  return [...byId.values()];
}
