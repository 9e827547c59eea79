export { type RunEnvironment, runEnvironment } from "./environment.js";
export { isEntryModule, type ModuleEntry, moduleEntry } from "./module-entry.js";
export { pathFromRoot } from "./path-from-root.js";
export { type LabSettings, labSettings, projectRoot } from "./settings.js";
