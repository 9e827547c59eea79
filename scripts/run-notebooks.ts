/**
 * Runs every notebook under notebooks/ headless with the tslab kernel.
 *   --quick        LAB_QUICK=1: the notebooks shrink their workloads (used by `npm test`)
 *   --out DIR      keep the executed notebooks in DIR
 *   NAME...        only notebooks whose file name contains NAME
 * Exits non-zero when any cell fails; the failing cell and the kernel's stderr are printed.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { jupyterEnv, jupyterPython, root } from "./jupyter-env.js";

export interface RunOptions {
  quick: boolean;
  /** Full mode writes the committed results/ (LAB_WRITE_RESULTS=1): only `npm run report`. */
  writeResults?: boolean;
  outDir?: string;
  filters?: string[];
}

/** The notebook that writes the summary from every other notebook's results: it runs last. */
const SUMMARY_NOTEBOOK = "performance-summary";

/** Lists the notebooks in run order: by their NN- prefix, the performance summary last. */
export function listNotebooks(filters: string[] = []): string[] {
  const last = (f: string) => (f.includes(SUMMARY_NOTEBOOK) ? 1 : 0);
  return readdirSync(join(root, "notebooks"))
    .filter((f) => f.endsWith(".ipynb"))
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
    .sort()
    .sort((a, b) => last(a) - last(b));
}

/** Executes the notebooks one after another; returns the names of those that failed. */
export function runNotebooks(options: RunOptions): string[] {
  const python = jupyterPython();
  const env = jupyterEnv({
    LAB_QUICK: options.quick ? "1" : "0",
    LAB_WRITE_RESULTS: options.writeResults === true ? "1" : "0",
  });
  const failed: string[] = [];
  const names = listNotebooks(options.filters);
  if (options.outDir) mkdirSync(options.outDir, { recursive: true });
  const started = Date.now();
  names.forEach((name, i) => {
    const t0 = Date.now();
    process.stdout.write(`[${i + 1}/${names.length}] ${name} ... `);
    const args = [join(root, "scripts", "execute_notebook.py"), join(root, "notebooks", name)];
    if (options.outDir) args.push("--out", join(options.outDir, name));
    const r = spawnSync(python, args, { env, stdio: ["ignore", "inherit", "inherit"] });
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    if (r.status === 0) {
      console.log(`ok (${secs} s)`);
    } else {
      console.log(`FAILED (${secs} s)`);
      failed.push(name);
    }
  });
  console.log(`notebooks took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`notebooks: ${names.length - failed.length} passed, ${failed.length} failed`);
  return failed;
}

if (import.meta.filename === process.argv[1]) {
  const argv = process.argv.slice(2);
  const quick = argv.includes("--quick");
  const outAt = argv.indexOf("--out");
  const outDir = outAt >= 0 ? argv[outAt + 1] : undefined;
  const filters = argv.filter((a, i) => !a.startsWith("--") && (outAt < 0 || i !== outAt + 1));
  const failed = runNotebooks({ quick, outDir, filters });
  process.exit(failed.length > 0 ? 1 : 0);
}
