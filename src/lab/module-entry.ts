import { realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

/** A module another thread or process can run, and the Node flags it needs. */
export interface ModuleEntry {
  /** Absolute file path (for child processes). */
  file: string;
  /** The same as a file URL (for worker threads). */
  href: string;
  /** Node flags: none from dist/, tsx's loader from the TypeScript sources. */
  execArgv: string[];
}

/**
 * Locates a sibling module for a worker thread or child process.
 *
 * Why two cases: from dist/ (the CLI, notebooks) the caller is compiled JavaScript and the
 * sibling is the compiled `.js` beside it, loadable by plain Node. From the TypeScript sources
 * (vitest, tsx scripts) the caller is a `.ts` file, and a new thread or process would start
 * without any TypeScript loader (vitest's transform does not reach them), so it gets tsx's
 * ESM loader through `--import`, resolved from this package (a dev dependency); tsx also maps
 * the `.js` import specifiers to their `.ts` files.
 *
 * @param caller the caller's `import.meta.url`
 * @param name the sibling's base name without extension, relative to the caller
 * @returns where it is and how to start it
 * @example moduleEntry(import.meta.url, "./worker")
 */
export function moduleEntry(caller: string, name: string): ModuleEntry {
  const ts = caller.endsWith(".ts");
  const url = new URL(`${name}${ts ? ".ts" : ".js"}`, caller);
  const execArgv = ts ? ["--import", pathToFileURL(createRequire(caller).resolve("tsx")).href] : [];
  return { file: fileURLToPath(url), href: url.href, execArgv };
}

/**
 * Whether the module at `url` is the process's entry (run as `node file`, `fork(file)` or
 * through tsx), not imported: child-process modules start their work only then.
 *
 * @param url the module's `import.meta.url`
 * @returns true when `process.argv[1]` is that file (symlinks resolved)
 * @example if (isEntryModule(import.meta.url)) main();
 */
export function isEntryModule(url: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && realpathSync(entry) === realpathSync(fileURLToPath(url));
}
