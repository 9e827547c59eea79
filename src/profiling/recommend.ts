import { formatMs, formatPercent, formatRatio } from "../format/number.js";
import type { BottleneckRule, Finding, Severity } from "./find-bottlenecks.js";
import type { OutcomeTable } from "./outcome-table.js";
import type { ProfileReport } from "./profile-report.js";

/**
 * A change a recommendation proposes, precise enough to re-simulate (see `applyAction`).
 * - `hedge`: send a backup request to the next backend after `afterMs` (the calls' p95);
 * - `shift-traffic`: stop sending to `from`, for every query type or only `queryType` (the
 *   router then picks among the rest);
 * - `retry`: on a failure or a timeout, retry on the decision's next alternative, up to
 *   `attempts` calls, each cut off at `timeoutMs` so the retry still has time to answer;
 * - `timeout`: cut every backend's calls off at `timeoutMs` (a hung call then fails at once);
 * - `grow-cache`: multiply the cache's capacity (and TTL) by `factor`;
 * - `switch-strategy`: route with the named strategy (a `createRouter` name);
 * - `prior`: start a Thompson strategy's Beta posteriors from Beta(alpha, beta);
 * - `cache-decisions`: reuse routing decisions for repeated queries;
 * - `retune-discount`: give learning strategies a forgetting discount per outcome.
 */
export type RecommendationAction =
  | { kind: "hedge"; afterMs: number; percentile: number }
  | { kind: "shift-traffic"; from: string; queryType?: string }
  | { kind: "retry"; attempts: number; timeoutMs: number }
  | { kind: "timeout"; timeoutMs: number }
  | { kind: "grow-cache"; factor: number }
  | { kind: "switch-strategy"; to: string }
  | { kind: "prior"; alpha: number; beta: number }
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
  /** The result cache's capacity, when known: the capacity recommendation names the new size. */
  cacheCapacity?: number;
  /** The strategy in use, when known; a switch to the same strategy is not proposed. */
  currentStrategy?: string;
  /**
   * Strategies to try when queries breach the SLO (default `thompson`, `rule-based`,
   * `peak-ewma`): a switch is a candidate like any other, kept only if re-simulation shows it
   * helps.
   */
  switchCandidates?: readonly string[];
  /** The SLO latency, ms: the deadline a retry's timeouts must fit in (default: from findings). */
  sloMs?: number;
  /**
   * Calls per backend × query type, for moving one type's traffic off a backend where the
   * data call for it (the backend serves that type, and another answers it relevantly).
   */
  outcomes?: OutcomeTable;
  /** Per query type, the backends that answer it relevantly (see `relevantBackendsOf`). */
  relevant?: Readonly<Record<string, readonly string[]>>;
}

/** Strategies whose learning a prior or a forgetting discount changes. */
export const LEARNING_STRATEGIES: ReadonlySet<string> = new Set([
  "thompson",
  "epsilon-greedy",
  "ucb1",
]);

const DEFAULTS = {
  hedgePercentile: 0.95,
  cacheGrowthFactor: 2,
  loadAwareStrategy: "least-outstanding",
  driftDiscount: 0.99,
  outlierFactor: 2,
  switchCandidates: ["thompson", "rule-based", "peak-ewma"],
} as const;

/** A type's share of a backend's calls below which moving that type alone is not proposed. */
const MIN_TYPE_SHARE = 0.05;

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
  // Every query already ran under a hedged pattern: proposing a hedge would propose what is in
  // place (its delay and backup are the pattern's own to tune).
  const hedged =
    report.patterns.length > 0 &&
    report.patterns.every((p) => p.name.split(":")[0].trim() === "hedged");
  const hedge = (f: Finding, why: string) =>
    hedged ||
    put(f, {
      id: "hedge",
      title: `Hedge after the ${hedgeKey} (${formatMs(hedgeAfter)})`,
      detail: `${why} A backup request to the next backend after the single-call ${hedgeKey} (${formatMs(hedgeAfter)}) cuts the tail for about ${formatPercent(1 - o.hedgePercentile, 0)} extra backend calls.`,
      action: { kind: "hedge", afterMs: hedgeAfter, percentile: o.hedgePercentile },
    });
  const shift = (f: Finding, backend: string, why: string) => {
    put(f, {
      id: `shift-traffic:${backend}`,
      title: `Move traffic off ${backend}`,
      detail: `${why} Take ${backend} out of rotation (or down-weight it) until it recovers; a latency-aware strategy does this automatically.`,
      action: { kind: "shift-traffic", from: backend },
    });
    // One type at a time where the data call for it: the backend serves a real share of that
    // type, and another backend answers that type relevantly.
    const cells = o.outcomes?.cells.filter((c) => c.backend === backend) ?? [];
    const total = cells.reduce((a, c) => a + c.calls, 0);
    if (cells.length < 2) return;
    for (const c of cells) {
      const type = c.queryType as string;
      const others = (o.relevant?.[type] ?? []).filter((b) => b !== backend);
      if (c.calls < MIN_TYPE_SHARE * total || others.length === 0) continue;
      put(f, {
        id: `shift-traffic:${backend}:${type}`,
        title: `Move ${type} traffic off ${backend}`,
        detail: `${why} ${backend} serves ${formatPercent(c.calls / total)} of its calls for ${type}, which ${others.join(", ")} also answer${others.length === 1 ? "s" : ""} relevantly.`,
        action: { kind: "shift-traffic", from: backend, queryType: type },
      });
    }
  };
  const sloMs = o.sloMs ?? findings.find((f) => Number.isFinite(f.evidence.sloMs))?.evidence.sloMs;
  // Retry after the calls' p95, but never later than half the SLO: the retry needs time too.
  const retryTimeout = Math.min(report.calls.p95, sloMs === undefined ? Infinity : sloMs / 2);
  const retry = (f: Finding, why: string) => {
    if (!(retryTimeout > 0 && Number.isFinite(retryTimeout))) return;
    put(f, {
      id: "retry",
      title: `Retry once on the next backend, each call cut off at ${formatMs(retryTimeout)}`,
      detail: `${why} A failed or timed-out call is retried on the decision's next alternative; cutting each call off at ${formatMs(retryTimeout)} (the calls' p95, at most half the SLO) leaves the retry time to answer within the deadline.`,
      action: { kind: "retry", attempts: 2, timeoutMs: retryTimeout },
    });
  };

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
    retry(
      f,
      `${formatPercent(rate, 2)} of ${f.subject === "queries" ? "queries" : `${f.subject}'s calls`} end in ${what}.`,
    );
  const switchTo = (f: Finding, to: string, why: string) => {
    if (to === o.currentStrategy) return;
    put(f, {
      id: `switch-strategy:${to}`,
      title: `Switch to ${to}`,
      detail: why,
      action: { kind: "switch-strategy", to },
    });
  };

  for (const f of findings) {
    const e = f.evidence;
    const rule: BottleneckRule = f.rule;
    switch (rule) {
      case "slo-breach": {
        const why = `End-to-end latency breaches the SLO (${formatMs(e.sloMs)}).`;
        hedge(f, why);
        retry(f, why);
        if (Number.isFinite(e.sloMs)) {
          put(f, {
            id: "timeout",
            title: `Time calls out at the SLO (${formatMs(e.sloMs)})`,
            detail: `${why} An answer later than the SLO is worth nothing to the caller; cutting calls off there frees the backend for the next request.`,
            action: { kind: "timeout", timeoutMs: e.sloMs },
          });
        }
        for (const to of o.switchCandidates) {
          switchTo(
            f,
            to,
            `${why} ${to} routes by another rule; the re-simulation says whether it meets the SLO more often here.`,
          );
        }
        if (o.currentStrategy === "thompson") {
          put(f, {
            id: "prior",
            title: "Start Thompson from the Jeffreys prior Beta(0.5, 0.5)",
            detail: `${why} A weaker prior than Beta(1, 1) lets each query type's outcomes outweigh it sooner, so fewer queries go to backends the data already rule out.`,
            action: { kind: "prior", alpha: 0.5, beta: 0.5 },
          });
        }
        break;
      }
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
          title:
            o.cacheCapacity === undefined
              ? `Grow the cache ${o.cacheGrowthFactor}× (capacity or TTL)`
              : `Grow the cache ${o.cacheGrowthFactor}× to ${Math.round(o.cacheCapacity * o.cacheGrowthFactor)} entries`,
          detail: `Only ${formatPercent(e.hitRate)} of lookups hit. If the workload repeats queries, a larger cache or a longer TTL raises the hit rate; if it does not, the cache costs more than it saves.`,
          action: { kind: "grow-cache", factor: o.cacheGrowthFactor },
        });
        break;
      case "load-imbalance":
        switchTo(
          f,
          o.loadAwareStrategy,
          `One backend takes ${formatRatio(e.peakToFair)} its fair share of calls. ${o.loadAwareStrategy} spreads load by requests in flight, so a hot or slow backend sheds traffic.`,
        );
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
          const why = `${f.subject} fails: ${rule === "error-rate" ? "errors" : "timeouts"} on ${formatPercent(e.rate, 2)} of calls.`;
          shift(f, f.subject, why);
          retry(f, why);
        }
        break;
      case "latency-drift":
        if (o.currentStrategy !== undefined && !LEARNING_STRATEGIES.has(o.currentStrategy)) break;
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
