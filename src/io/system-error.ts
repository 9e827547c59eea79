import { getSystemErrorMap } from "node:util";

/** Whether an error came from the operating system (fs, net, dns): it has a code and a syscall. */
export function isSystemError(err: unknown): err is NodeJS.ErrnoException {
  const e = err as NodeJS.ErrnoException | null;
  return err instanceof Error && typeof e?.code === "string" && typeof e.syscall === "string";
}

/**
 * A system error as `CODE: description`, without Node's paths (the caller names the file, and
 * Node's message may name a temp file the user never asked for).
 *
 * @param err any thrown value
 * @returns e.g. `EISDIR: illegal operation on a directory`; the message for other errors
 * @example systemErrorReason(err) // "ENOTDIR: not a directory"
 */
export function systemErrorReason(err: unknown): string {
  if (isSystemError(err)) {
    const known = typeof err.errno === "number" ? getSystemErrorMap().get(err.errno) : undefined;
    return known === undefined ? err.message : `${err.code}: ${known[1]}`;
  }
  return err instanceof Error ? err.message : String(err);
}
