/** Notebook 02, strategy comparison: its markdown tables. */
import { markdownTable as gfmTable } from "../../format/markdown-table.js";
import { formatMs, formatPercent } from "../../format/number.js";
import type { Estimate } from "../../stats/estimate.js";
import type { StrategyComparisonResult } from "./result.js";

/**
 * The strategies in table order: the ranking (lowest regret first), then the oracle.
 *
 * @param r a strategy comparison
 * @returns strategy names
 */
export function strategyTableOrder(r: StrategyComparisonResult): string[] {
  return [...r.ranking, ...r.order.filter((s) => !r.ranking.includes(s))];
}

/**
 * A markdown table of every strategy's totals: regret with its 95 % interval, the paired
 * difference to the baseline, success rate, SLO attainment, best-backend rate, latency
 * percentiles and the busiest backend. Rows by regret, lowest first; the oracle last.
 *
 * @param r a strategy comparison
 * @returns markdown ending with a newline
 * @example tslab.display.markdown(strategyTotalsMarkdown(result))
 */
export function strategyTotalsMarkdown(r: StrategyComparisonResult): string {
  const head = [
    "strategy",
    "regret (95 % CI)",
    `regret − ${r.baseline} (paired)`,
    "success",
    "SLO attainment",
    "best backend chosen",
    "p50",
    "p95",
    "p99",
    "busiest backend",
  ];
  const rows = strategyTableOrder(r).map((name) => {
    const s = r.strategies[name];
    const busiest = Object.entries(s.trafficShare).sort((a, b) => b[1] - a[1])[0];
    return [
      name,
      formatInterval(s.regret, (x) => x.toFixed(0)),
      name === r.baseline ? "(baseline)" : formatInterval(s.regretVsBaseline, signed),
      formatRateBand(s.successRate),
      formatRateBand(s.sloAttainment),
      formatRateBand(s.bestBackendRate),
      formatMs(s.latency.p50),
      formatMs(s.latency.p95),
      formatMs(s.latency.p99),
      busiest === undefined ? "–" : `${busiest[0]} ${formatPercent(busiest[1], 0)}`,
    ];
  });
  return markdownTable(head, rows, [false, ...head.slice(1).map(() => true)]);
}

/**
 * A markdown table of SLO attainment per query type and strategy, beside the type's share of
 * the traffic and the oracle's pick with its expected reward (P(one request meets the SLO)).
 * The best strategy other than the oracle is in bold in each row.
 *
 * @param r a strategy comparison
 * @returns markdown ending with a newline
 * @example tslab.display.markdown(queryTypeMarkdown(result))
 */
export function queryTypeMarkdown(r: StrategyComparisonResult): string {
  const names = strategyTableOrder(r);
  const head = ["query type", "share", "oracle's pick (expected reward)", ...names];
  const rows = Object.entries(r.queryTypes).map(([type, q]) => {
    const learners = names.filter((n) => n !== "oracle");
    const best = learners.reduce((a, b) =>
      q.strategies[b].sloAttainment.mean > q.strategies[a].sloAttainment.mean ? b : a,
    );
    return [
      type,
      formatPercent(q.share, 0),
      `${q.bestBackend} (${formatPercent(q.bestExpectedReward)})`,
      ...names.map((n) => {
        const text = formatPercent(q.strategies[n].sloAttainment.mean);
        return n === best ? `**${text}**` : text;
      }),
    ];
  });
  return markdownTable(head, rows, [false, true, false, ...names.map(() => true)]);
}

function signed(x: number): string {
  return `${x > 0 ? "+" : x < 0 ? "−" : ""}${Math.abs(x).toFixed(0)}`;
}

function formatInterval(b: Estimate, f: (x: number) => string): string {
  return b.lo === b.hi ? f(b.mean) : `${f(b.mean)} [${f(b.lo)}, ${f(b.hi)}]`;
}

/** A rate with the half-width of its (symmetric t) interval, in percentage points. */
function formatRateBand(b: Estimate): string {
  if (!Number.isFinite(b.mean)) return "–";
  const half = (b.hi - b.lo) / 2;
  return half > 0 ? `${formatPercent(b.mean)} ± ${(half * 100).toFixed(1)}` : formatPercent(b.mean);
}

function markdownTable(head: string[], rows: string[][], right: boolean[]): string {
  const align = right.map((r) => (r ? "right" : "left") as "left" | "right");
  return `${gfmTable([head, ...rows], { align })}\n`;
}
