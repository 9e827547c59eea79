import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { writeJsonAtomic } from "../io/atomic-write.js";

/** `results/ORIGIN.json`: the commit a report run's results came from. */
export interface ResultsOrigin {
  format: "routing-lab/results-origin";
  version: 1;
  /** `git rev-parse HEAD` when the report ran. */
  commit: string;
  /** Whether `src/` had uncommitted changes then (the results are of `commit` plus those). */
  srcDirty: boolean;
  /** SHA-256 over `src/`'s files (tracked and untracked, path and content) then. */
  srcHash: string;
  /** ISO 8601 time the report finished. */
  date: string;
}

/** The file {@link writeResultsOrigin} writes into the results folder. */
export const ORIGIN_FILE = "ORIGIN.json";

/** Options of the results-origin functions. */
export interface OriginOptions {
  /** The git checkout (default: the project root, from the caller). */
  root: string;
  /** The time to record (default now). */
  now?: Date;
}

/**
 * Records the commit and the state of `src/` that a report run's results came from, so a later
 * `npm run report` can say whether they are stale (see {@link describeResultsOrigin}).
 *
 * @param resultsDir the folder the report wrote
 * @param options the checkout and the time
 * @returns what was written
 * @throws {FileWriteError} when the file cannot be written
 * @example writeResultsOrigin("results", { root: projectRoot })
 */
export function writeResultsOrigin(resultsDir: string, options: OriginOptions): ResultsOrigin {
  const origin: ResultsOrigin = {
    format: "routing-lab/results-origin",
    version: 1,
    commit: git(options.root, "rev-parse", "HEAD") ?? "unknown",
    srcDirty: (git(options.root, "status", "--porcelain", "--", "src") ?? "") !== "",
    srcHash: srcHash(options.root),
    date: (options.now ?? new Date()).toISOString(),
  };
  writeJsonAtomic(join(resultsDir, ORIGIN_FILE), origin);
  return origin;
}

/**
 * One line saying which commit the results in a folder came from and whether `src/` has
 * changed since. Results written before {@link ORIGIN_FILE} existed fall back to the commit
 * `08-bench.json` recorded.
 *
 * @param resultsDir the results folder, e.g. `results`
 * @param options the checkout
 * @returns e.g. `results: from commit 1a2b3c4 (2026-01-02T…); src/ has changed since (3 files)`
 * @example console.log(describeResultsOrigin("results", { root: projectRoot }))
 */
export function describeResultsOrigin(resultsDir: string, options: OriginOptions): string {
  const label = relative(options.root, resultsDir) || resultsDir;
  const origin = readOrigin(resultsDir);
  if (origin) {
    const short = origin.commit.slice(0, 7);
    const dirty = origin.srcDirty ? " with uncommitted changes to src/" : "";
    const changed =
      srcHash(options.root) === origin.srcHash
        ? "src/ is unchanged since"
        : `src/ has changed since${changedFiles(options.root, origin.commit)}`;
    return `${label}: results from commit ${short}${dirty} (${origin.date}); ${changed}`;
  }
  const benchCommit = readBenchCommit(resultsDir);
  if (benchCommit === undefined) return `${label}: no record of the commit the results came from`;
  const [sha, dirtyMark] = benchCommit.split("+");
  const dirty = dirtyMark ? " with uncommitted changes" : "";
  const files = changedFiles(options.root, sha);
  const changed = files === "" ? "src/ is unchanged since" : `src/ has changed since${files}`;
  return `${label}: results from commit ${sha}${dirty} (recorded by 08-bench.json); ${changed}`;
}

/** ` (N files: a, b, …)` differing from `commit` under src/ (untracked ones too), or "". */
function changedFiles(root: string, commit: string): string {
  const diff = git(root, "diff", "--name-only", commit, "--", "src");
  if (diff === undefined) return " (commit not found in this checkout)";
  const untracked = git(root, "ls-files", "--others", "--exclude-standard", "--", "src") ?? "";
  const files = [...diff.split("\n"), ...untracked.split("\n")].filter((f) => f !== "");
  if (files.length === 0) return "";
  const shown = files.slice(0, 3).join(", ");
  return ` (${files.length} file${files.length === 1 ? "" : "s"}: ${shown}${files.length > 3 ? ", …" : ""})`;
}

function readOrigin(resultsDir: string): ResultsOrigin | undefined {
  try {
    const value = JSON.parse(readFileSync(join(resultsDir, ORIGIN_FILE), "utf8")) as ResultsOrigin;
    return value.format === "routing-lab/results-origin" ? value : undefined;
  } catch {
    return undefined;
  }
}

function readBenchCommit(resultsDir: string): string | undefined {
  try {
    const bench = JSON.parse(readFileSync(join(resultsDir, "08-bench.json"), "utf8")) as {
      environment?: { commit?: unknown };
    };
    const commit = bench.environment?.commit;
    return typeof commit === "string" && commit !== "unknown" ? commit : undefined;
  } catch {
    return undefined;
  }
}

/** SHA-256 over src/'s tracked and untracked (not ignored) files, in path order. */
function srcHash(root: string): string {
  const list = git(root, "ls-files", "--cached", "--others", "--exclude-standard", "--", "src");
  const hash = createHash("sha256");
  for (const file of (list ?? "")
    .split("\n")
    .filter((f) => f !== "")
    .sort()) {
    hash.update(`${file}\0`);
    try {
      hash.update(readFileSync(join(root, file)));
    } catch {
      hash.update("(deleted)"); // tracked but removed from the working tree
    }
    hash.update("\0");
  }
  return hash.digest("hex");
}

function git(root: string, ...args: string[]): string | undefined {
  try {
    return execFileSync("git", args, {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return undefined;
  }
}
