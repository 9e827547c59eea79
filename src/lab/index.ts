export { type RunEnvironment, runEnvironment } from "./environment.js";
export { isEntryModule, type ModuleEntry, moduleEntry } from "./module-entry.js";
export { type LabSettings, labSettings, projectRoot } from "./settings.js";
