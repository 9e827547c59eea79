export { type RunEnvironment, runEnvironment } from "./environment.js";
export { type LabSettings, labSettings, projectRoot } from "./settings.js";
