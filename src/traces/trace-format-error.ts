/**
 * A trace that cannot be read: names the source, the 1-based line and, when known, the column,
 * so the message alone tells the user what to fix.
 */
export class TraceFormatError extends Error {
  override readonly name = "TraceFormatError";

  /**
   * @param source the file name, or `<input>` for text
   * @param line 1-based line number (0 when the problem is the whole file)
   * @param problem what is wrong, e.g. `latency_ms "abc" is not a number`
   * @param column the column name concerned, if any
   */
  constructor(
    readonly source: string,
    readonly line: number,
    readonly problem: string,
    readonly column?: string,
  ) {
    super(line > 0 ? `${source}:${line}: ${problem}` : `${source}: ${problem}`);
  }
}
