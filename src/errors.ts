/**
 * An error the user can fix (bad flag, malformed file). The CLI prints its message without a
 * stack trace and exits with code 2. Name the file, line or field in the message.
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
