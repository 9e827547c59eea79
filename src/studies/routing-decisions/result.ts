/** Notebook 01, routing decisions: the result it writes and the records inside it. */
import type { TimerFacts } from "../../bench/timer.js";
import type { Spread } from "../../stats/spread.js";
import type { DecisionSpeedSettings } from "./plan.js";

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

/** The result of {@link runClassificationStudy}: deterministic (no randomness, no timing). */
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
  /** The target (decisions/s), or `null` when it sets none for this strategy. */
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

/** The result of {@link runDecisionSpeedStudy}. */
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
