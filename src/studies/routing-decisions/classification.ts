/** Notebook 01, routing decisions: how the old system's word patterns classify and route. */
import { pathFromRoot } from "../../lab/path-from-root.js";
import { QueryClassifier } from "../../routing/classifier.js";
import {
  DEFAULT_QUERY_SET_PATH,
  type LabelledQuery,
  loadQuerySet,
} from "../../routing/query-set.js";
import { RuleBasedRouter } from "../../routing/rule-based.js";
import { DEFAULT_BACKENDS } from "../../routing/types.js";
import { wilsonInterval } from "../../stats/wilson-interval.js";
import { OLD_SYSTEM_EXAMPLES } from "./old-system-examples.js";
import type {
  ClassificationStudy,
  ExampleDecision,
  OldSystemExample,
  TypeAccuracy,
} from "./result.js";

/** Options of {@link runClassificationStudy}. */
export interface ClassificationStudyOptions {
  /** The labelled query set; default the bundled `data/queries/default.jsonl`. */
  queries?: readonly LabelledQuery[];
  /** Shown as `querySet.source`; default the bundled file's path. */
  source?: string;
}

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
 * @example runClassificationStudy().accuracy // ≈ 0.9 on the bundled set
 */
export function runClassificationStudy(
  options: ClassificationStudyOptions = {},
): ClassificationStudy {
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
      source: pathFromRoot(options.source ?? DEFAULT_QUERY_SET_PATH),
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
