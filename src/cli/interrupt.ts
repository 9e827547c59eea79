import { endProgressLines } from "./progress-line.js";

/**
 * Handles Ctrl-C (SIGINT) during a checkpointed run: every finished run is already saved, so
 * it says how many and exits with 130 (128 + SIGINT, the shell's convention) at once, without
 * waiting for the runs in flight (their work is lost; the next run of the same command redoes
 * only them).
 *
 * @param saved how many runs are saved now, and of how many
 * @param stream where to write the message (default stderr)
 * @returns a function that removes the handler
 * @example const release = onInterrupt(() => ({ saved: 12, total: 40 })); … release();
 */
export function onInterrupt(
  saved: () => { saved: number; total: number },
  stream: NodeJS.WritableStream = process.stderr,
): () => void {
  const handler = () => {
    const { saved: n, total } = saved();
    // A progress bar ended by Ctrl-C has already ended its line.
    stream.write(
      `${endProgressLines() ? "" : "\n"}interrupted: ${n} of ${total} runs saved; rerun the same command to resume\n`,
    );
    process.exit(130);
  };
  process.on("SIGINT", handler);
  return () => {
    process.off("SIGINT", handler);
  };
}
