export { type LabSettings, labSettings, projectRoot } from "./settings.js";
