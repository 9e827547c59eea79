/**
 * A file that could not be written. The message names the path and the reason, e.g.
 * `out/run.json: cannot write (EISDIR: illegal operation on a directory)`; the CLI prints it
 * without a stack trace and exits 2.
 */
export class FileWriteError extends Error {
  override readonly name = "FileWriteError";

  /**
   * @param path the file that was to be written
   * @param reason why it failed, e.g. `ENOSPC: no space left on device`
   * @param options the underlying error, as `cause`
   */
  constructor(
    readonly path: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${path === "" ? '""' : path}: cannot write (${reason})`, options);
  }
}
