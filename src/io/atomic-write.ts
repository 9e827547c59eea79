import {
  closeSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";
import { FileWriteError } from "./file-write-error.js";
import { systemErrorReason } from "./system-error.js";

/**
 * Writes a file atomically: the content goes to a temp file beside the target, then a rename
 * replaces the target. A crash or error midway never leaves a half-written result behind: on
 * any failure the temp file is removed and the target is untouched.
 *
 * @param path the file to write; its folder is created when missing
 * @param content the text or bytes to write, or text in pieces (written as they come, so a
 *   large file never has to be one string in memory)
 * @throws {FileWriteError} naming the path and the reason (e.g. the path is a directory)
 */
export function writeFileAtomic(
  path: string,
  content: string | Uint8Array | Iterable<string>,
): void {
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
    if (typeof content === "string" || content instanceof Uint8Array) {
      writeFileSync(tmp, content);
    } else {
      writePieces(tmp, content);
    }
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

/** Writes text pieces to a new file, batched into writes of about 1 MB. */
function writePieces(path: string, pieces: Iterable<string>): void {
  const fd = openSync(path, "w");
  try {
    let batch: string[] = [];
    let size = 0;
    for (const piece of pieces) {
      batch.push(piece);
      size += piece.length;
      if (size >= 1 << 20) {
        writeAll(fd, batch.join(""));
        batch = [];
        size = 0;
      }
    }
    if (batch.length > 0) writeAll(fd, batch.join(""));
  } finally {
    closeSync(fd);
  }
}

/** writeSync may write less than asked: loop until all of it is written. */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  let at = 0;
  while (at < bytes.length) at += writeSync(fd, bytes, at);
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // The write's own error is the one to report; a temp file that cannot be removed was
    // most likely never created (e.g. its folder is missing).
  }
}
