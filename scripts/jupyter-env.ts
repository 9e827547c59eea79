import { readFileSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";

/** The project root, whatever folder a script is started from. */
export const root = resolve(import.meta.dirname, "..");

/** The python that setup-jupyter.sh found with the Jupyter modules. */
export function jupyterPython(): string {
  try {
    return readFileSync(join(root, ".jupyter", "python"), "utf8").trim();
  } catch {
    throw new Error("Jupyter is not set up: run `npm run setup:jupyter` first");
  }
}

/**
 * The environment for Jupyter processes: the project-local kernel folder on JUPYTER_PATH and
 * node_modules/.bin on PATH, because the kernel spec runs `tslab` from PATH.
 */
export function jupyterEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    JUPYTER_PATH: join(root, ".jupyter", "share", "jupyter"),
    PATH: [join(root, "node_modules", ".bin"), process.env.PATH ?? ""].join(delimiter),
    ...extra,
  };
}
