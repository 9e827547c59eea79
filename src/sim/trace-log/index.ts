export { DecisionLog, type DecisionLogOptions, type LoggedRow } from "./decision-log.js";
export {
  type FormatLoggedTraceOptions,
  formatLoggedTrace,
  LOGGED_TRACE_COLUMNS,
  loggedTraceLines,
} from "./format-logged-trace.js";
export { type LoggedSimulationOptions, runLoggedSimulation } from "./run-logged-simulation.js";
