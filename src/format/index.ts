export { formatEstimate } from "./estimate.js";
export { toJsonSafe } from "./json-safe.js";
export { type MarkdownTableOptions, markdownTable } from "./markdown-table.js";
export { formatCount, formatLevel, formatMs, formatPercent, formatRatio } from "./number.js";
export { type TextTableOptions, textTable } from "./text-table.js";
