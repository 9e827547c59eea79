import type { DecisionSpeedResult } from "./decision-speed.js";
import type { ExecutionOverheadResult } from "./execution-overhead.js";
import { OLD_SYSTEM } from "./old-system.js";
import { defineSection } from "./section.js";

/** One figure of the old system beside this run's measurement. */
export interface OldSystemComparisonRow {
  figure: string;
  old: number;
  ours: number | null;
  unit: string;
  /** How many times better ours is (higher is better for rates, lower for times); null
   * when this run did not measure it. */
  timesBetter: number | null;
}

export interface OldSystemComparison {
  note: string;
  rows: OldSystemComparisonRow[];
  /** Published facts that are not rates or times, for the report's prose. */
  facts: { mockBackendMs: number; scaleMaxQueries: number };
}

/**
 * Sets the old system's published figures beside this run's measurements. Rates compare as
 * ours / old; times as old / ours, so "times better" reads the same way for both.
 *
 * @param results the sections measured in this run, by id
 * @returns one row per comparable figure
 */
export function compareWithOldSystem(
  results: Readonly<Record<string, unknown>>,
): OldSystemComparison {
  const decisions = results.decisions as DecisionSpeedResult | undefined;
  const overhead = results.executionOverhead as ExecutionOverheadResult | undefined;
  const speed = (strategy: string) =>
    decisions?.rows.find((r) => r.strategy === strategy && r.outcomesRecorded <= 10_000)
      ?.decisionsPerSecond.median ?? null;
  const rule = speed("rule-based");
  const thompson = speed("thompson");
  const usPerQuery = (pattern: string) =>
    overhead?.rows.find((r) => r.pattern === pattern)?.usPerQuery.median ?? null;
  // The old pattern figures are means on a mock backend: what exceeds its latency is overhead.
  const oldOverheadUs = (meanMs: number) => (meanMs - OLD_SYSTEM.mockBackendMs) * 1000;
  const row = (
    figure: string,
    old: number,
    ours: number | null,
    unit: string,
    higherIsBetter: boolean,
  ) => ({
    figure,
    old,
    ours,
    unit,
    timesBetter: ours === null || ours === 0 ? null : higherIsBetter ? ours / old : old / ours,
  });
  return {
    note: OLD_SYSTEM.note,
    facts: { mockBackendMs: OLD_SYSTEM.mockBackendMs, scaleMaxQueries: OLD_SYSTEM.scaleMaxQueries },
    rows: [
      row("rule-based decisions", OLD_SYSTEM.decisions.ruleBasedPerSecond, rule, "/s", true),
      row("Thompson decisions", OLD_SYSTEM.decisions.thompsonPerSecond, thompson, "/s", true),
      row(
        "learned ÷ rule-based cost",
        OLD_SYSTEM.decisions.learnedOverhead,
        rule !== null && thompson !== null ? rule / thompson : null,
        "×",
        false,
      ),
      row(
        "feed-forward orchestration overhead",
        oldOverheadUs(OLD_SYSTEM.patternsMeanMs["feed-forward"]),
        usPerQuery("feed-forward"),
        "µs/query",
        false,
      ),
      row(
        "recursive orchestration overhead",
        oldOverheadUs(OLD_SYSTEM.patternsMeanMs.recursive),
        usPerQuery("recursive"),
        "µs/query",
        false,
      ),
      row(
        "parallel orchestration overhead",
        oldOverheadUs(OLD_SYSTEM.patternsMeanMs.parallel),
        usPerQuery("parallel (all)"),
        "µs/query",
        false,
      ),
    ],
  };
}

/** `routing-lab bench` section: the old system's published figures beside this run's. */
export const oldSystemSection = defineSection<OldSystemComparison>({
  id: "oldSystem",
  title: "Against the old Python system's published figures (another machine and language)",
  run: async (context) => compareWithOldSystem(context.results ?? {}),
  table: (r) => [
    ["figure", "old (published)", "this run", "unit", "times better"],
    ...r.rows.map((x) => [
      x.figure,
      x.old.toLocaleString("en-US", { maximumFractionDigits: 2 }),
      x.ours === null
        ? "not measured"
        : x.ours.toLocaleString("en-US", { maximumFractionDigits: 2 }),
      x.unit,
      x.timesBetter === null
        ? "–"
        : `${x.timesBetter.toLocaleString("en-US", { maximumFractionDigits: 1 })}×`,
    ]),
  ],
});
