import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { projectRoot } from "./settings.js";

/** What produced a result: results are byte-identical only between equal versions. */
export interface CodeVersions {
  /** routing-lab's version and a hash of the code that runs, e.g. `0.1.0+3f9c2a1b7d40`. */
  code: string;
  /** Node's version, e.g. `v20.20.2` (V8's Math functions may differ between versions). */
  node: string;
}

let cached: CodeVersions | undefined;

/**
 * The running code's versions. `code` is the package version plus a SHA-256 over the module
 * files of the tree this module runs from (`src/*.ts` through tsx or vitest, `dist/*.js` when
 * built), path and content, in path order. Why not only the package version: it changes
 * rarely, while any edit can change a simulated result, and a queue worker must refuse work
 * from other code. Hashing ≈ 300 files takes a few ms, once per process.
 *
 * @returns the versions (computed once per process)
 * @example codeVersions().code // "0.1.0+3f9c2a1b7d40"
 */
export function codeVersions(): CodeVersions {
  if (cached) return cached;
  const tree = fileURLToPath(new URL("..", import.meta.url));
  const ext = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
  const files = (readdirSync(tree, { recursive: true, encoding: "utf8" }) as string[])
    .filter((f) => f.endsWith(ext) && !f.endsWith(".d.ts"))
    .map((f) => f.split(sep).join("/"))
    .sort();
  const hash = createHash("sha256");
  for (const f of files) {
    hash.update(`${f}\0`);
    hash.update(readFileSync(join(tree, f)));
    hash.update("\0");
  }
  let version = "0.0.0";
  try {
    const pkg = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as {
      version?: unknown;
    };
    if (typeof pkg.version === "string") version = pkg.version;
  } catch {
    // A copy without package.json still has a code hash, which is what identifies it.
  }
  cached = { code: `${version}+${hash.digest("hex").slice(0, 12)}`, node: process.version };
  return cached;
}
