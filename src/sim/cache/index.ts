export type { EvictionPolicy } from "./eviction-policy.js";
export { LfuPolicy } from "./lfu-policy.js";
export { LruPolicy } from "./lru-policy.js";
export { ModelChanges } from "./model-changes.js";
export { evictionPolicy, ResultCache } from "./result-cache.js";
