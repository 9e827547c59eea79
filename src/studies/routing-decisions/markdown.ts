/** Notebook 01, routing decisions: its markdown tables. */
import { markdownTable } from "../../format/markdown-table.js";
import { formatCount, formatPercent, formatRatio } from "../../format/number.js";
import type { ClassificationStudy, DecisionSpeedStudy } from "./result.js";

/**
 * The worked examples as a markdown table: text, labelled and classified type, matched
 * patterns, backend, confidence and the router's reason.
 *
 * @param study a classification study
 * @returns markdown ending with a newline
 * @example tslab.display.markdown(classificationExamplesMarkdown(study))
 */
export function classificationExamplesMarkdown(study: ClassificationStudy): string {
  return table(
    ["query", "labelled", "classified", "matched patterns", "backend", "confidence", "reason"],
    study.examples.map((e) => [
      cell(e.text),
      e.labelledType,
      e.correct ? e.type : `**${e.type}** ✗`,
      e.matched.length === 0 ? "–" : e.matched.map((m) => `\`${m}\``).join(", "),
      e.backend,
      e.confidence.toFixed(1),
      cell(e.reason),
    ]),
  );
}

/**
 * Accuracy per labelled type (recall and precision) with a total row.
 *
 * @param study a classification study
 * @returns markdown ending with a newline
 */
export function classificationAccuracyMarkdown(study: ClassificationStudy): string {
  const pct = (x: number | null) => (x === null ? "–" : formatPercent(x));
  const rows = Object.entries(study.perType).map(([type, a]) => [
    type,
    String(a.labelled),
    String(a.classified),
    String(a.correct),
    pct(a.recall),
    pct(a.precision),
  ]);
  rows.push([
    "**all**",
    String(study.total),
    String(study.total),
    String(study.correct),
    `**${pct(study.accuracy)}** (95 % CI ${pct(study.accuracyCi95.lo)}–${pct(study.accuracyCi95.hi)})`,
    "",
  ]);
  return table(
    ["labelled type", "labelled", "classified as it", "correct", "recall", "precision"],
    rows,
    [false, true, true, true, true, true],
  );
}

/**
 * The old system's example queries: its type and backend against ours.
 *
 * @param study a classification study
 * @returns markdown ending with a newline
 */
export function oldSystemExamplesMarkdown(study: ClassificationStudy): string {
  return table(
    ["query", "old type", "old backend", "type here", "backend here", "matched", "same"],
    study.oldSystem.rows.map((r) => [
      cell(r.text),
      r.expectedType,
      r.expectedBackend,
      r.type,
      r.backend,
      r.matched.length === 0 ? "–" : r.matched.map((m) => `\`${m}\``).join(", "),
      r.agrees ? "✓" : "**✗**",
    ]),
  );
}

/**
 * Decision speed per strategy: wall-clock median with min–max, CPU-time median, per-decision
 * time, target, and the ratio to the old system's published figure where it has one.
 *
 * @param speed a decision-speed study
 * @returns markdown ending with a newline
 */
export function decisionSpeedMarkdown(speed: DecisionSpeedStudy): string {
  const rows = speed.order.map((name) => {
    const s = speed.strategies[name];
    const old = name === "rule-based" || name === "thompson" ? speed.oldSystem[name] : undefined;
    return [
      name,
      formatCount(s.outcomesRecorded),
      formatCount(s.decisionsPerSecond.median),
      `${formatCount(s.decisionsPerSecond.min)}–${formatCount(s.decisionsPerSecond.max)}`,
      formatCount(s.decisionsPerCpuSecond.median),
      s.perDecisionNs.p50.toFixed(0),
      s.perDecisionNs.p99.toFixed(0),
      s.target === null
        ? ""
        : `${formatCount(s.target)}: ${s.meetsTarget ? "met" : "not met"} (CPU: ${s.meetsTargetCpu ? "met" : "not met"})`,
      old === undefined ? "" : `${formatRatio(old.ratio)} of ${formatCount(old.published)}`,
    ];
  });
  const g = speed.growthCheck;
  if (g !== null) {
    rows.push([
      "thompson (growth check)",
      formatCount(g.outcomesRecorded),
      formatCount(g.decisionsPerSecond.median),
      `${formatCount(g.decisionsPerSecond.min)}–${formatCount(g.decisionsPerSecond.max)}`,
      "",
      "",
      "",
      `${formatRatio(g.ratio)} the speed after ${formatCount(speed.strategies.thompson.outcomesRecorded)} outcomes`,
      "",
    ]);
  }
  return table(
    [
      "strategy",
      "outcomes recorded",
      "decisions/s (median)",
      "min–max",
      "decisions/CPU-s",
      "ns/decision p50",
      "p99",
      "target",
      "vs old system (Python, another machine)",
    ],
    rows,
    [false, true, true, true, true, true, true, false, false],
  );
}

/** A markdown table; `right[i]` right-aligns column i. */
function table(head: string[], rows: string[][], right: boolean[] = []): string {
  const align = head.map((_, i) => (right[i] ? "right" : "left") as "left" | "right");
  return `${markdownTable([head, ...rows], { align })}\n`;
}

/** Escapes a table cell's pipes. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}
