import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { FileWriteError } from "./file-write-error.js";
import { systemErrorReason } from "./system-error.js";

/**
 * Writes a file atomically: the content goes to a temp file beside the target, then a rename
 * replaces the target. A crash or error midway never leaves a half-written result behind: on
 * any failure the temp file is removed and the target is untouched.
 *
 * @param path the file to write; its folder is created when missing
 * @param content the text or bytes to write
 * @throws {FileWriteError} naming the path and the reason (e.g. the path is a directory)
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  // An empty path would put the temp file in the working directory, then fail the rename.
  if (path === "") throw new FileWriteError(path, "the path is empty");
  const folder = dirname(path);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (err) {
    // Node says only e.g. "EEXIST": name the folder (or the file in its way).
    const reason = `cannot create folder ${folder}: ${systemErrorReason(err)}`;
    throw new FileWriteError(path, reason, { cause: err });
  }
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (err) {
    removeQuietly(tmp);
    throw new FileWriteError(path, systemErrorReason(err), { cause: err });
  }
}

/** Writes a value as pretty JSON, atomically. */
export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // The write's own error is the one to report; a temp file that cannot be removed was
    // most likely never created (e.g. its folder is missing).
  }
}
