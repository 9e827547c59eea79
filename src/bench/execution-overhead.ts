import { type AsyncBackend, PatternExecutor } from "../execution/index.js";
import type { PatternSpec } from "../patterns/spec.js";
import { createRouter } from "../routing/registry.js";
import { DEFAULT_BACKENDS, DEFAULT_QUERY_TYPES } from "../routing/types.js";
import type { Spread } from "../stats/spread.js";
import { measureBatches } from "./batch.js";
import { defineSection } from "./section.js";

/** The executor overhead of one pattern. */
export interface ExecutionOverheadRow {
  pattern: string;
  /** Orchestration cost per query, µs: backends answer at once, so this is all overhead. */
  usPerQuery: Spread;
  /** Backend calls per query under instant, perfect backends. */
  callsPerQuery: number;
}

export interface ExecutionOverheadResult {
  queriesPerBatch: number;
  rows: ExecutionOverheadRow[];
}

/** The patterns measured, each in its usual configuration. */
export const OVERHEAD_PATTERNS: readonly PatternSpec[] = [
  { name: "feed-forward" },
  { name: "recursive", threshold: 0.99, maxIterations: 3 },
  { name: "parallel", fanout: 3, rule: "all" },
  { name: "parallel", fanout: 3, rule: "first-k", k: 1, cancel: true },
  { name: "chain", stages: 3 },
  { name: "hedged", delay: 50, cancel: true },
];

/** A label such as `parallel (first-k)`. */
function patternLabel(spec: PatternSpec): string {
  if (spec.name === "parallel") return `parallel (${spec.rule ?? "all"})`;
  return spec.name;
}

/**
 * Measures the real orchestration overhead of each execution pattern's async executor:
 * in-process backends that resolve at once, so the time is the executor's own (routing,
 * promises, abort controllers, timers, feedback), not the backend's latency.
 *
 * @param options quick mode shrinks the runs
 * @returns µs per query per pattern, median and spread over runs
 */
export async function measureExecutionOverhead(options: {
  quick: boolean;
}): Promise<ExecutionOverheadResult> {
  const queriesPerBatch = 200;
  const instant: AsyncBackend = () => Promise.resolve({ relevance: 0.75 });
  const backends = Object.fromEntries(DEFAULT_BACKENDS.map((b) => [b, instant]));
  const rows: ExecutionOverheadRow[] = [];
  for (const pattern of OVERHEAD_PATTERNS) {
    const executor = new PatternExecutor({ router: createRouter("rule-based"), backends, pattern });
    let calls = 0;
    let queries = 0;
    const m = await measureBatches(
      patternLabel(pattern),
      async () => {
        for (let i = 0; i < queriesPerBatch; i++) {
          const r = await executor.execute(
            { type: DEFAULT_QUERY_TYPES[i % DEFAULT_QUERY_TYPES.length] },
            { available: DEFAULT_BACKENDS },
          );
          calls += r.calls;
          queries++;
        }
      },
      {
        batchSize: queriesPerBatch,
        runs: options.quick ? 3 : 5,
        timeMs: options.quick ? 100 : 300,
      },
    );
    const perQueryUs = (rate: number) => 1e6 / rate;
    rows.push({
      pattern: patternLabel(pattern),
      usPerQuery: {
        median: perQueryUs(m.opsPerSecond.median),
        min: perQueryUs(m.opsPerSecond.max),
        max: perQueryUs(m.opsPerSecond.min),
        mad: (m.opsPerSecond.mad / m.opsPerSecond.median) * perQueryUs(m.opsPerSecond.median),
        runs: m.opsPerSecond.runs,
      },
      callsPerQuery: calls / queries,
    });
  }
  return { queriesPerBatch, rows };
}

/** `routing-lab bench` section: executor overhead per pattern. */
export const executionOverheadSection = defineSection<ExecutionOverheadResult>({
  id: "executionOverhead",
  title: "Execution patterns: real executor overhead (in-process async backends)",
  run: (context) => measureExecutionOverhead({ quick: context.quick }),
  table: (r) => [
    ["pattern", "µs/query (median)", "min–max", "calls/query"],
    ...r.rows.map((row) => [
      row.pattern,
      row.usPerQuery.median.toFixed(2),
      `${row.usPerQuery.min.toFixed(2)}–${row.usPerQuery.max.toFixed(2)}`,
      row.callsPerQuery.toFixed(2),
    ]),
  ],
});
