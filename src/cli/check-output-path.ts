import { closeSync, openSync, rmSync, type Stats, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { UsageError } from "../errors.js";
import { isSystemError, systemErrorReason } from "../io/system-error.js";

/** Options for {@link checkOutputPath}. */
export interface OutputPathOptions {
  /** The flag that gave the path, named in errors, e.g. `--out`. */
  flag: string;
  /** `file` (default): a file to write; `directory`: a folder that files are written into. */
  kind?: "file" | "directory";
}

/**
 * Checks, before any work is done, that an output path can be written: not empty, not an
 * existing directory (for a file) or file (for a directory), and its nearest existing folder
 * is a folder we can create files in. So a bad path fails in milliseconds, and a command with
 * several outputs writes none of them when any path is bad.
 *
 * @param path the output path as given
 * @param options the flag for messages, and whether the path names a file or a directory
 * @throws {UsageError} naming the flag, the path and what is wrong
 * @example checkOutputPath(opts.out, { flag: "--out" })
 */
export function checkOutputPath(path: string, options: OutputPathOptions): void {
  const { flag, kind = "file" } = options;
  const fail = (why: string): never => {
    throw new UsageError(`${flag} ${path === "" ? '""' : path}: ${why}`);
  };
  if (path === "") fail(`must not be empty; give a ${kind} name`);
  const stats = statIfExists(path, fail);
  if (kind === "file") {
    if (stats?.isDirectory()) fail("is a directory; give a file name");
    // A trailing slash names a folder; the rename would fail only after the work.
    if (/[\\/]$/.test(path)) fail("ends with a path separator; give a file name");
    // Renaming over a device or pipe (e.g. /dev/null) would replace it, not write to it.
    if (stats !== undefined && !stats.isFile()) fail("exists and is not a regular file");
  } else if (stats !== undefined && !stats.isDirectory()) {
    fail("exists and is not a directory");
  }

  // The writer creates missing folders: the nearest one that exists must take new files.
  let folder = kind === "directory" && stats !== undefined ? path : dirname(path);
  let folderStats = statIfExists(folder, fail);
  while (folderStats === undefined && dirname(folder) !== folder) {
    folder = dirname(folder);
    folderStats = statIfExists(folder, fail);
  }
  if (folderStats === undefined) return;
  if (!folderStats.isDirectory()) fail(`${folder} is not a directory`);
  // A real file, not access(2): root passes access checks on e.g. /proc, where creating fails.
  const probe = join(folder, `.${basename(path)}.${process.pid}.probe`);
  try {
    closeSync(openSync(probe, "wx"));
  } catch (err) {
    fail(`cannot create files in ${folder} (${systemErrorReason(err)})`);
  }
  rmSync(probe, { force: true });
}

/** The path's stats; undefined when it, or a folder on the way, does not exist. */
function statIfExists(path: string, fail: (why: string) => never): Stats | undefined {
  try {
    return statSync(path);
  } catch (err) {
    if (isSystemError(err) && (err.code === "ENOENT" || err.code === "ENOTDIR")) return undefined;
    return fail(`cannot be checked (${systemErrorReason(err)})`);
  }
}
