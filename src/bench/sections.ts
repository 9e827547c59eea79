import { adviceVerificationSection } from "./advice-verification.js";
import { batchRoutingSection } from "./batch-routing.js";
import { decisionSpeedSection } from "./decision-speed.js";
import { executionOverheadSection } from "./execution-overhead.js";
import { oldSystemSection } from "./old-system-section.js";
import { opeSection } from "./ope.js";
import { profilerRecordSection, profilerTraceSection } from "./profiler-sections.js";
import { queueBenchSection } from "./queue-bench.js";
import { scaleSection } from "./scale-section.js";
import type { BenchSection } from "./section.js";
import { simulationBenchSections } from "./simulation-sections.js";

/**
 * Every section of `routing-lab bench`, in the order they run and print. The old-system
 * comparison runs last: it reads the figures measured before it.
 */
export const benchSections: readonly BenchSection[] = [
  decisionSpeedSection as BenchSection,
  executionOverheadSection as BenchSection,
  ...simulationBenchSections,
  scaleSection as BenchSection,
  // After the worker-threads section, whose two-process ceiling it reuses.
  queueBenchSection as BenchSection,
  profilerRecordSection as BenchSection,
  profilerTraceSection as BenchSection,
  adviceVerificationSection as BenchSection,
  opeSection as BenchSection,
  batchRoutingSection as BenchSection,
  oldSystemSection as BenchSection,
];

/**
 * The sections `npm run report` measures in its summary notebook: those no earlier notebook
 * measures (decision speed and scaling come from notebooks 01 and 04). The old-system
 * comparison runs last and reads the executor overheads measured before it.
 */
export const reportBenchSections: readonly BenchSection[] = [
  executionOverheadSection as BenchSection,
  ...simulationBenchSections.filter((section) => section.id === "simulationSpeed"),
  profilerRecordSection as BenchSection,
  profilerTraceSection as BenchSection,
  oldSystemSection as BenchSection,
];
