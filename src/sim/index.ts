export * from "./cache/index.js";
export * from "./distribution/index.js";
export type {
  ObservedQuery,
  ObservedResponse,
  SimulationObserver,
} from "./engine/observer.js";
export {
  type AggregateCurves,
  type AggregateTotals,
  aggregateCurves,
  aggregateTotals,
} from "./metrics/aggregate.js";
export type { RunCurves, RunMetrics, RunTotals } from "./metrics/types.js";
export { CompiledScenario, compileScenario } from "./model/compiled-scenario.js";
export * from "./relevance/index.js";
export {
  SIMULATION_FORMAT,
  type SimulationDocument,
  simulationDocument,
} from "./run/document.js";
export { createSimulationPool, runPoolTask } from "./run/pool.js";
export {
  type ExperimentOptions,
  type ExperimentResult,
  runExperiment,
  type StrategyResult,
} from "./run/run-experiment.js";
export {
  runSimulation,
  type SimulationOptions,
  type SimulationResult,
} from "./run/run-simulation.js";
export type { SimulationTask } from "./run/task.js";
export { type CrossingUsageError, fromCrossingError } from "./run/worker-error.js";
export * from "./scenario/index.js";
export {
  checkStrategyBackends,
  createStrategy,
  type StrategyContext,
  type StrategyFactory,
  type StrategyInput,
} from "./strategy/create-strategy.js";
export { OracleRouter } from "./strategy/oracle.js";
export * from "./trace-log/index.js";
