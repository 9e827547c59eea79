export * from "./distribution/index.js";
export type { RunCurves, RunMetrics, RunTotals } from "./metrics/types.js";
export { CompiledScenario, compileScenario } from "./model/compiled-scenario.js";
export * from "./patterns/spec.js";
export * from "./relevance/index.js";
export {
  runSimulation,
  type SimulationOptions,
  type SimulationResult,
} from "./run/run-simulation.js";
export * from "./scenario/index.js";
export {
  createStrategy,
  type StrategyContext,
  type StrategyFactory,
  type StrategyInput,
} from "./strategy/create-strategy.js";
export { OracleRouter } from "./strategy/oracle.js";
