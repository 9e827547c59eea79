export { cheHitRate, fifoHitRate, zipfPopularities } from "./approximations.js";
export type { EvictionPolicy } from "./eviction-policy.js";
export { type IrmOptions, irmHitRate } from "./irm-hit-rate.js";
export { LfuPolicy } from "./lfu-policy.js";
export { LruPolicy } from "./lru-policy.js";
export { ModelChanges } from "./model-changes.js";
export { evictionPolicy, ResultCache } from "./result-cache.js";
