import { isAbsolute, relative, resolve } from "node:path";
import {
  type DecisionSpeedOptions,
  type DecisionSpeedRow,
  measureDecisionSpeed,
} from "../bench/decision-speed.js";
import type { TimerFacts } from "../bench/timer.js";
import { formatCount, formatPercent, formatRatio } from "../format/number.js";
import { projectRoot } from "../lab/settings.js";
import { QueryClassifier } from "../routing/classifier.js";
import { DEFAULT_QUERY_SET_PATH, type LabelledQuery, loadQuerySet } from "../routing/query-set.js";
import { RuleBasedRouter } from "../routing/rule-based.js";
import { DEFAULT_BACKENDS } from "../routing/types.js";
import type { Spread } from "../stats/spread.js";
import { wilsonInterval } from "../stats/wilson-interval.js";

/** One query routed by the rule-based router, with the classifier's evidence. */
export interface ExampleDecision {
  text: string;
  /** The type the query set labels it with (what it means). */
  labelledType: string;
  /** The type the word patterns give it. */
  type: string;
  /** Whether the two agree. */
  correct: boolean;
  /** The pattern alternatives found in the text, in order of first appearance. */
  matched: string[];
  backend: string;
  confidence: number;
  /** The router's reason sentence. */
  reason: string;
}

/** One of the old system's example queries, routed here and compared with what it did. */
export interface OldSystemExample {
  text: string;
  /** The old system's type and backend, derived by hand from its rules (docs/old-system.md). */
  expectedType: string;
  expectedBackend: string;
  type: string;
  backend: string;
  matched: string[];
  /** Same type and same backend. */
  agrees: boolean;
}

/** Classification figures of one labelled type. */
export interface TypeAccuracy {
  /** Queries labelled with this type. */
  labelled: number;
  /** Queries the classifier gave this type. */
  classified: number;
  /** Queries labelled and classified with this type. */
  correct: number;
  /** correct / labelled; `null` when no query is labelled with it. */
  recall: number | null;
  /** correct / classified; `null` when the classifier never gives it. */
  precision: number | null;
}

/** The result of {@link classificationStudy}: deterministic (no randomness, no timing). */
export interface ClassificationStudy {
  querySet: {
    /** The query file, relative to the project root when inside it. */
    source: string;
    queries: number;
  };
  /** correct / total over the whole labelled set. */
  accuracy: number;
  /** 95 % Wilson interval of the accuracy (the set as a sample of such queries). */
  accuracyCi95: { lo: number; hi: number };
  correct: number;
  total: number;
  /** Per labelled type, in the classifier's type order (then any other labels). */
  perType: Record<string, TypeAccuracy>;
  /** `counts[i][j]`: queries labelled `types[i]` and classified `types[j]`. */
  confusion: { types: string[]; counts: number[][] };
  /** Per labelled type, the first query classified right and the first classified wrong. */
  examples: ExampleDecision[];
  /** The old system's example queries: do they route the same way here? */
  oldSystem: { total: number; agree: number; rows: OldSystemExample[] };
}

/** Options of {@link classificationStudy}. */
export interface ClassificationStudyOptions {
  /** The labelled query set; default the bundled `data/queries/default.jsonl`. */
  queries?: readonly LabelledQuery[];
  /** Shown as `querySet.source`; default the bundled file's path. */
  source?: string;
}

/**
 * The old system's example queries, with the type and backend its rules give them, derived by
 * hand from its word patterns, type→backend map and tie rule (docs/old-system.md): most matching
 * patterns wins, the earlier type on ties, no match → unknown → qdrant. The routing tests
 * check the same list.
 */
export const OLD_SYSTEM_EXAMPLES: readonly {
  text: string;
  type: string;
  backend: string;
}[] = [
  { text: "Who is connected to Alice?", type: "relationship", backend: "neo4j" },
  { text: "How is Bob related to Carol?", type: "relationship", backend: "neo4j" },
  {
    text: "What is the relationship between these two papers?",
    type: "relationship",
    backend: "neo4j",
  },
  { text: "Where did we meet?", type: "relationship", backend: "neo4j" },
  { text: "Find documents similar to this one", type: "similarity", backend: "qdrant" },
  { text: "Search for notes that look like my draft", type: "similarity", backend: "qdrant" },
  { text: "Compare the two designs", type: "similarity", backend: "qdrant" },
  // personal ("i") and similarity ("look for") tie; similarity is listed first.
  { text: "I want to look for vector databases", type: "similarity", backend: "qdrant" },
  { text: "What is my favorite color?", type: "personal", backend: "mem0" },
  { text: "Show my user profile", type: "personal", backend: "mem0" },
  { text: "What are the latest updates?", type: "temporal", backend: "inmemory" },
  { text: "What happened this week?", type: "temporal", backend: "inmemory" },
  { text: "Anything new from yesterday or today?", type: "temporal", backend: "inmemory" },
  { text: "What is currently running now?", type: "temporal", backend: "inmemory" },
  { text: "Explain quantum entanglement", type: "unknown", backend: "qdrant" },
];

/**
 * Notebook 01's classification part: classifies every query of a labelled set with the old
 * system's word patterns, routes it with the rule-based router over the five default
 * backends, and reports accuracy (overall with a Wilson interval, per type, confusion
 * counts), worked examples with their reasons, and whether the old system's own examples
 * route the same way.
 *
 * @param options the labelled queries (default the bundled set)
 * @returns a JSON-ready {@link ClassificationStudy}
 * @throws {RoutingInputError} when the bundled query set cannot be read
 * @example classificationStudy().accuracy // ≈ 0.9 on the bundled set
 */
export function classificationStudy(options: ClassificationStudyOptions = {}): ClassificationStudy {
  const labelled = options.queries ?? loadQuerySet();
  const classifier = new QueryClassifier();
  const router = new RuleBasedRouter();
  const context = { available: DEFAULT_BACKENDS };
  const route = (text: string) => {
    const c = classifier.classify(text);
    const d = router.select({ text }, context);
    return { c, d };
  };

  const types = [...classifier.types];
  for (const q of labelled) if (!types.includes(q.type)) types.push(q.type);
  const index = new Map(types.map((t, i) => [t, i]));
  const counts = types.map(() => types.map(() => 0));
  const examples: ExampleDecision[] = [];
  const shown = new Set<string>(); // `${type}:${correct}` already has its example
  let correct = 0;
  for (const q of labelled) {
    const { c, d } = route(q.text);
    const ok = c.type === q.type;
    if (ok) correct++;
    counts[index.get(q.type) as number][index.get(c.type) as number]++;
    const key = `${q.type}:${ok}`;
    if (!shown.has(key)) {
      shown.add(key);
      examples.push({
        text: q.text,
        labelledType: q.type,
        type: c.type,
        correct: ok,
        matched: c.matched,
        backend: d.backend,
        confidence: d.confidence,
        reason: d.reason,
      });
    }
  }
  // Right before wrong within each type, types in classifier order.
  examples.sort(
    (a, b) =>
      (index.get(a.labelledType) as number) - (index.get(b.labelledType) as number) ||
      Number(b.correct) - Number(a.correct),
  );

  const perType: Record<string, TypeAccuracy> = {};
  types.forEach((t, i) => {
    const row = counts[i].reduce((a, b) => a + b, 0);
    const col = counts.reduce((a, r) => a + r[i], 0);
    const hit = counts[i][i];
    perType[t] = {
      labelled: row,
      classified: col,
      correct: hit,
      recall: row === 0 ? null : hit / row,
      precision: col === 0 ? null : hit / col,
    };
  });

  const oldRows = OLD_SYSTEM_EXAMPLES.map((e): OldSystemExample => {
    const { c, d } = route(e.text);
    return {
      text: e.text,
      expectedType: e.type,
      expectedBackend: e.backend,
      type: c.type,
      backend: d.backend,
      matched: c.matched,
      agrees: c.type === e.type && d.backend === e.backend,
    };
  });

  const total = labelled.length;
  const [lo, hi] = wilsonInterval(correct, total);
  return {
    querySet: {
      source: relativeToRoot(options.source ?? DEFAULT_QUERY_SET_PATH),
      queries: total,
    },
    accuracy: total === 0 ? Number.NaN : correct / total,
    accuracyCi95: { lo, hi },
    correct,
    total,
    perType,
    confusion: { types, counts },
    examples,
    oldSystem: {
      total: oldRows.length,
      agree: oldRows.filter((r) => r.agrees).length,
      rows: oldRows,
    },
  };
}

/** One strategy's decision speed, as kept in the results. */
export interface StrategySpeed {
  /** Outcomes the strategy recorded before it was timed. */
  outcomesRecorded: number;
  /** Decisions per wall-clock second, one figure per run: median, min, max, MAD. */
  decisionsPerSecond: Spread;
  /** Decisions per CPU second (what one unshared core does). */
  decisionsPerCpuSecond: Spread;
  /** Per-decision time from batch averages, ns. */
  perDecisionNs: { mean: number; p50: number; p99: number; p999: number };
  /** The issue's target (decisions/s), or `null` when it sets none for this strategy. */
  target: number | null;
  /** Whether the wall-clock / CPU-time median reaches the target; `null` without one. */
  meetsTarget: boolean | null;
  meetsTargetCpu: boolean | null;
}

/** Our median against one of the old system's published figures. */
export interface OldSystemSpeed {
  /** Its published decisions/s (Python, one Windows machine). */
  published: number;
  /** Our wall-clock and CPU-time medians, decisions/s. */
  measured: number;
  measuredCpu: number;
  /** measured / published, and measuredCpu / published. */
  ratio: number;
  ratioCpu: number;
}

/** How decision speed is measured (see `measureDecisionSpeed`'s options). */
export interface DecisionSpeedSettings {
  /** Independent runs; figures are medians over runs. */
  runs: number;
  /** Time per run and warm-up per run, ms. */
  timeMs: number;
  warmupMs: number;
  /** Decisions per timed batch. */
  batchSize: number;
  /** Outcomes each learning strategy records before it is timed. */
  pretrainOutcomes: number;
  /** Thompson is timed again after this many outcomes (0: not). */
  growthCheckOutcomes: number;
}

/** The result of {@link decisionSpeedStudy}. */
export interface DecisionSpeedStudy {
  /** How it was measured (smaller in quick mode). */
  settings: DecisionSpeedSettings;
  /** Distinct query texts cycled through (classification is part of each decision). */
  queries: number;
  backends: string[];
  /** Strategy names in measured order (the keys of `strategies`). */
  order: string[];
  strategies: Record<string, StrategySpeed>;
  /**
   * Thompson timed again after many more outcomes: `ratio` is its median over the first
   * Thompson row's; about 1 means a decision's cost does not grow with what was recorded.
   */
  growthCheck: { outcomesRecorded: number; decisionsPerSecond: Spread; ratio: number } | null;
  /** The old system's published figures beside ours: another machine, another language. */
  oldSystem: {
    note: string;
    "rule-based": OldSystemSpeed;
    thompson: OldSystemSpeed;
    /** Rule-based / Thompson decisions per second: ours, and the old system's 49,998 / 19,995. */
    learnedOverhead: { measured: number; oldSystem: number };
  };
  timer: TimerFacts;
  /** Harness overhead subtracted per batch, ns. */
  overheadNs: number;
  /** Load average and CPUs when the measurement ended: wall-clock figures fall under load. */
  machine: { loadAverage: number; cpus: number };
  /** Wall time of the whole measurement, ms. */
  wallMs: number;
}

/** Options of {@link decisionSpeedStudy}. */
export interface DecisionSpeedStudyOptions {
  /** Shorter runs, fewer outcomes (quick mode). */
  quick: boolean;
  /** Seed of the routers and the simulated outcomes. */
  seed: number;
  /**
   * Strategies to time (must include rule-based and thompson); default every strategy
   * `measureDecisionSpeed` times, or only those two in quick mode.
   */
  strategies?: readonly string[];
  /** Overrides of the quick or full settings (e.g. tiny runs in tests). */
  measure?: Partial<DecisionSpeedSettings>;
  /** Progress lines. */
  log?: (line: string) => void;
}

const OLD_PUBLISHED = { "rule-based": 41_670, thompson: 19_995 } as const;
// The old system's benchmark 2 (rule-based against learned): 49,998 against 19,995 per second.
const OLD_LEARNED_OVERHEAD = 49_998 / 19_995;

/**
 * Notebook 01's speed part: routing decisions per second for each strategy, measured by the
 * benchmark suite's `measureDecisionSpeed` (batches timed with tinybench, harness overhead
 * subtracted, medians over runs, wall clock and CPU time), with shorter runs in quick mode,
 * and set beside the old system's published figures.
 *
 * @param options quick mode, seed, strategies
 * @returns a JSON-ready {@link DecisionSpeedStudy}
 * @throws {Error} when rule-based or Thompson is not among the strategies (the comparison
 *   with the old system needs both)
 * @example const speed = await decisionSpeedStudy({ quick: true, seed: 42 });
 */
export async function decisionSpeedStudy(
  options: DecisionSpeedStudyOptions,
): Promise<DecisionSpeedStudy> {
  // Each strategy costs runs × (warm-up + timed + CPU-timed run) plus its training, so quick
  // mode times only the two strategies the old system published figures for, plus the
  // growth check.
  const defaults: DecisionSpeedSettings = options.quick
    ? {
        runs: 3,
        timeMs: 100,
        warmupMs: 50,
        batchSize: 5_000,
        pretrainOutcomes: 2_000,
        growthCheckOutcomes: 50_000,
      }
    : {
        runs: 5,
        timeMs: 150,
        warmupMs: 50,
        batchSize: 5_000,
        pretrainOutcomes: 10_000,
        growthCheckOutcomes: 1_000_000,
      };
  const settings: DecisionSpeedSettings = { ...defaults, ...options.measure };
  const measured = options.strategies ?? (options.quick ? ["rule-based", "thompson"] : undefined);
  const measureOptions: DecisionSpeedOptions = {
    ...settings,
    seed: options.seed,
    ...(measured === undefined ? {} : { strategies: measured }),
    ...(options.log === undefined ? {} : { log: options.log }),
  };
  const started = performance.now();
  const m = await measureDecisionSpeed(measureOptions);
  const wallMs = performance.now() - started;

  const strategies: Record<string, StrategySpeed> = {};
  const order: string[] = [];
  let growth: DecisionSpeedRow | undefined;
  for (const row of m.rows) {
    if (row.strategy in strategies) {
      growth = row; // the second Thompson row: the growth check
      continue;
    }
    order.push(row.strategy);
    strategies[row.strategy] = {
      outcomesRecorded: row.outcomesRecorded,
      decisionsPerSecond: row.decisionsPerSecond,
      decisionsPerCpuSecond: row.decisionsPerCpuSecond,
      perDecisionNs: row.perDecisionNs,
      target: row.target ?? null,
      meetsTarget: row.meetsTarget ?? null,
      meetsTargetCpu: row.meetsTargetCpu ?? null,
    };
  }
  const rb = strategies["rule-based"];
  const th = strategies.thompson;
  if (rb === undefined || th === undefined) {
    throw new Error("decisionSpeedStudy needs rule-based and thompson among the strategies");
  }
  const old = (key: keyof typeof OLD_PUBLISHED, s: StrategySpeed): OldSystemSpeed => ({
    published: OLD_PUBLISHED[key],
    measured: s.decisionsPerSecond.median,
    measuredCpu: s.decisionsPerCpuSecond.median,
    ratio: s.decisionsPerSecond.median / OLD_PUBLISHED[key],
    ratioCpu: s.decisionsPerCpuSecond.median / OLD_PUBLISHED[key],
  });
  return {
    settings,
    queries: m.queries,
    backends: [...m.backends],
    order,
    strategies,
    growthCheck:
      growth === undefined
        ? null
        : {
            outcomesRecorded: growth.outcomesRecorded,
            decisionsPerSecond: growth.decisionsPerSecond,
            ratio: growth.decisionsPerSecond.median / th.decisionsPerSecond.median,
          },
    oldSystem: {
      note: "published by the old Python system, measured on another machine in another language",
      "rule-based": old("rule-based", rb),
      thompson: old("thompson", th),
      learnedOverhead: {
        measured: rb.decisionsPerSecond.median / th.decisionsPerSecond.median,
        oldSystem: OLD_LEARNED_OVERHEAD,
      },
    },
    timer: m.timer,
    overheadNs: m.overheadNs,
    machine: m.machine,
    wallMs,
  };
}

/** The results of notebook 01, as written to `results/01-routing-decisions.json`. */
export interface RoutingDecisionsResult {
  format: "routing-lab/routing-decisions";
  version: 1;
  seed: number;
  quick: boolean;
  classification: ClassificationStudy;
  speed: DecisionSpeedStudy;
}

/**
 * Puts notebook 01's two parts into the results file's shape.
 *
 * @param input the classification and speed studies, the seed and the mode
 * @returns the {@link RoutingDecisionsResult} to write
 * @example writeJsonAtomic(path, routingDecisionsResult({ classification: c, speed: s, seed: 42, quick: false }))
 */
export function routingDecisionsResult(input: {
  classification: ClassificationStudy;
  speed: DecisionSpeedStudy;
  seed: number;
  quick: boolean;
}): RoutingDecisionsResult {
  return {
    format: "routing-lab/routing-decisions",
    version: 1,
    seed: input.seed,
    quick: input.quick,
    classification: input.classification,
    speed: input.speed,
  };
}

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
  const align = head.map((_, i) => (right[i] ? "---:" : "---"));
  return `${[head, align, ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n")}\n`;
}

/** Escapes a table cell's pipes. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

function relativeToRoot(path: string): string {
  const rel = relative(projectRoot, resolve(path));
  return rel.startsWith("..") || isAbsolute(rel) ? resolve(path) : rel;
}
