import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const root = resolve(import.meta.dirname, "../..");
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** What a CLI run did. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall time of the whole child process, start-up included. */
  ms: number;
}

/**
 * Runs `routing-lab` (the TypeScript source, through tsx) as a child process, as a user would.
 *
 * @param args the arguments after `routing-lab`
 * @param options the working directory (a temp dir, so stray files can be listed), and
 *   variables to add to the environment
 */
export function runRoutingLab(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<CliRun> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", tsx, join(root, "src/cli.ts"), ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => {
    stdout += String(d);
  });
  child.stderr.on("data", (d) => {
    stderr += String(d);
  });
  return new Promise((done) =>
    child.on("close", (code) => done({ code, stdout, stderr, ms: performance.now() - started })),
  );
}

/** Every file under a folder, relative to it, sorted (folders themselves are not listed). */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => !e.isDirectory())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** A stack trace in stderr: the CLI must print only its one-line message for user errors. */
export const STACK_LINE = /^\s+at .+\(?.*:\d+:\d+\)?$/m;

/** The repository's root, for shipped data files. */
export const REPO_ROOT = root;
