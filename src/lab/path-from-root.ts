import { isAbsolute, relative, resolve } from "node:path";
import { projectRoot } from "./settings.js";

/**
 * A path as results files show it: relative to the project root when inside it (so results
 * read the same on every machine), else absolute.
 *
 * @param path a file path, absolute or relative to the working directory
 * @returns e.g. `data/scenarios/default.json`
 * @example pathFromRoot(join(projectRoot, "data/scenarios/default.json")) // "data/scenarios/default.json"
 */
export function pathFromRoot(path: string): string {
  const rel = relative(projectRoot, resolve(path));
  return rel.startsWith("..") || isAbsolute(rel) ? resolve(path) : rel;
}
