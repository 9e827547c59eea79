/** Notebook 09, contextual routing: its markdown tables. */
import { formatPercent } from "../../format/number.js";
import type { Estimate } from "../../stats/estimate.js";
import type { ContextualRoutingResult, LearnerComparison } from "./result.js";

/**
 * A markdown table of a learner comparison: regret (95 % interval), regret per query over the
 * last quarter of the run, static regret, SLO attainment and best-backend rate, in run order.
 *
 * @param c `result.contextual` or `result.drift`
 * @returns markdown ending with a newline
 * @example tslab.display.markdown(learnerTableMarkdown(result.drift))
 */
export function learnerTableMarkdown(c: LearnerComparison): string {
  const head = [
    "strategy",
    "regret (95 % CI)",
    "regret / query, last quarter",
    "static regret",
    "SLO attainment",
    "best backend chosen",
  ];
  const rows = c.order.map((name) => {
    const s = c.strategies[name];
    return [
      name,
      interval(s.regret, (x) => x.toFixed(0)),
      interval(s.lastQuarterRegretPerQuery, (x) => x.toFixed(3)),
      interval(s.staticRegret, (x) => x.toFixed(0)),
      formatPercent(s.sloAttainment.mean),
      formatPercent(s.bestBackendRate.mean),
    ];
  });
  return table(head, rows);
}

/**
 * Markdown tables of adaptive-pattern on each scenario: its SLO attainment and calls per query
 * beside per-type Thompson's (feed-forward) and the oracle's over its patterns, then per query
 * type the pattern it learned and each pattern's share of the type's queries.
 *
 * @param r notebook 09's result
 * @returns markdown ending with a newline
 * @example tslab.display.markdown(adaptivePatternMarkdown(result))
 */
export function adaptivePatternMarkdown(r: ContextualRoutingResult): string {
  return r.adaptive
    .map((a) => {
      const totals = table(
        ["strategy", "SLO attainment", "calls / query", "oracle over its patterns"],
        Object.entries(a.strategies).map(([name, s]) => [
          name,
          formatPercent(s.sloAttainment.mean),
          s.callsPerQuery.mean.toFixed(3),
          formatPercent(s.oracleSloAttainment.mean),
        ]),
      );
      const patterns = a.types[0]?.patterns.map((p) => p.pattern) ?? [];
      const learned = table(
        ["query type", "learned (repetitions)", ...patterns.map((p) => `\`${p}\``)],
        a.types.map((t) => [
          t.type,
          `\`${t.learned}\` (${t.agreeing}/${a.reps})`,
          ...t.patterns.map(
            (p) => `${formatPercent(p.pickShare, 0)} (r̃ ${p.posteriorMean.toFixed(3)})`,
          ),
        ]),
      );
      return `**${a.scenario.name}** (${a.rounds.toLocaleString("en-US")} queries × ${a.reps}, λ = ${a.callCost})\n\n${totals}\n${learned}`;
    })
    .join("\n");
}

function interval(b: Estimate, f: (x: number) => string): string {
  return b.lo === b.hi || !Number.isFinite(b.lo)
    ? f(b.mean)
    : `${f(b.mean)} [${f(b.lo)}, ${f(b.hi)}]`;
}

function table(head: string[], rows: string[][]): string {
  const align = head.map((_, i) => (i === 0 ? "---" : "---:"));
  return `${[head, align, ...rows].map((row) => `| ${row.join(" | ")} |`).join("\n")}\n`;
}
