export { formatCachingBatch, formatCachingHitRates, formatCachingOutcomes } from "./markdown.js";
export { type CachingStudyPlan, cachingStudyPlan } from "./plan.js";
export type {
  BatchCheck,
  CacheOutcome,
  CachingStudyResult,
  HitRateRow,
  SpeedupCheck,
  StalenessRow,
  TheoryRow,
} from "./result.js";
export { CACHE_CLAIM, type CachingStudyOptions, runCachingStudy } from "./run.js";
