export * from "./io/index.js";
export * from "./lab/index.js";
export * from "./plot/index.js";
export * from "./random/index.js";
