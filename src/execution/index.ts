export { callBackend, preferenceOrder } from "./call-backend.js";
export { executeChain } from "./chain.js";
export { PatternExecutor, type PatternExecutorOptions } from "./executor.js";
export { executeFeedForward } from "./feed-forward.js";
export { executeHedged } from "./hedged.js";
export { executeParallel } from "./parallel.js";
export { executeRecursive } from "./recursive.js";
export type {
  AsyncBackend,
  BackendAnswer,
  CallResult,
  ExecutionContext,
  ExecutionResult,
} from "./types.js";
