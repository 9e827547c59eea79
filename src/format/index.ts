export { formatEstimate } from "./estimate.js";
export { toJsonSafe } from "./json-safe.js";
export { formatCount, formatMs, formatPercent, formatRatio } from "./number.js";
export { textTable } from "./text-table.js";
