export { type RunEnvironment, runEnvironment } from "./environment.js";
export { type ModuleEntry, moduleEntry } from "./module-entry.js";
export { type LabSettings, labSettings, projectRoot } from "./settings.js";
