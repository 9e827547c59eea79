/**
 * A check the user asked for failed (e.g. `profile --fail-on warning` found a warning): the
 * command did its work and printed its report, and the CLI exits 1 with this one-line message,
 * as a CI gate expects. Bad input stays a `UsageError` (exit 2).
 */
export class CheckFailed extends Error {
  override name = "CheckFailed";
}
