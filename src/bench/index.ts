export { type BatchMeasurement, type BatchOptions, measureBatches } from "./batch.js";
export { quantileSorted, type Spread, spreadOf } from "./stats.js";
export { measureTimer, type TimerFacts } from "./timer.js";
