export { type BatchMeasurement, type BatchOptions, measureBatches } from "./batch.js";
export {
  DECISION_SPEED_TARGETS,
  type DecisionSpeedResult,
  type DecisionSpeedRow,
  decisionSpeedSection,
  measureDecisionSpeed,
} from "./decision-speed.js";
export {
  type ExecutionOverheadResult,
  type ExecutionOverheadRow,
  executionOverheadSection,
  measureExecutionOverhead,
} from "./execution-overhead.js";
export { benchReportProblem, mergeBenchReports } from "./merge-report.js";
export { OLD_SYSTEM } from "./old-system.js";
export {
  compareWithOldSystem,
  type OldSystemComparison,
  type OldSystemComparisonRow,
  oldSystemSection,
} from "./old-system-section.js";
export { benchOpe, type OpeBenchOptions, type OpeBenchResult, opeSection } from "./ope.js";
export { benchProfilerRecord, type ProfilerRecordBenchResult } from "./profiler-record.js";
export { profilerRecordSection, profilerTraceSection } from "./profiler-sections.js";
export { benchProfilerTrace, type ProfilerTraceBenchResult } from "./profiler-trace.js";
export {
  measureQueue,
  QUEUE_TARGETS,
  type QueueBenchOptions,
  type QueueBenchResult,
  queueBenchSection,
  queueBenchTable,
} from "./queue-bench.js";
export { scaleSection } from "./scale-section.js";
export {
  runScalingStudy,
  type ScalingResult,
  type ScalingSizeRow,
  type ScalingStudyOptions,
  type ScalingWorkerRow,
} from "./scaling.js";
export { type BenchContext, type BenchSection, defineSection } from "./section.js";
export { benchSections, reportBenchSections } from "./sections.js";
export {
  measurePeakMemory,
  measureSimulationMemory,
  type SimulationMemoryResult,
} from "./simulation-memory.js";
export {
  measureProcessSpeedup,
  measureSimulationScaling,
  type ProcessSpeedupOptions,
  type SimulationScalingResult,
} from "./simulation-scaling.js";
export { measureSimulationSpeed, type SimulationSpeedResult } from "./simulation-speed.js";
export { type BenchReport, runBenchSuite, type SectionRun } from "./suite.js";
export { measureTimer, type TimerFacts } from "./timer.js";
export { type WindowQuantileError, windowQuantileErrors } from "./window-quantile-error.js";
