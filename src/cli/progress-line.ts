import { SingleBar } from "cli-progress";

/** Options of {@link progressLine}. */
export interface ProgressLineOptions {
  /** The command, first on the line, e.g. `simulate`. */
  label: string;
  /** What is counted, e.g. `queries`. */
  unit: string;
  /** Extra text after the counts, from the payload of `update`, e.g. `| workers {workers}`. */
  extra?: (payload: Record<string, number>) => string;
  /** Where to write (default stderr). */
  stream?: NodeJS.WriteStream;
  /**
   * Without a TTY: one line every this many ms (default 10 s, or `ROUTING_LAB_PROGRESS_MS`),
   * the first after that long, so short runs print nothing.
   */
  everyMs?: number;
}

/** A progress display; `stop` when the work ends (also on errors: use `finally`). */
export interface ProgressLine {
  update(done: number, total: number, payload?: Record<string, number>): void;
  /** Clears the bar on a TTY; without one, prints a last line if any was printed. */
  stop(): void;
}

/** Lines drawn now, ended by Ctrl-C. */
const active = new Set<{ interrupt(): boolean }>();
/** Whether Ctrl-C has ended a line in this process (the cursor is then at a line's start). */
let endedBySignal = false;

/**
 * Ends every progress line drawn now, as Ctrl-C does: on a TTY the bar stays with its last
 * state, the line is ended with a newline and the cursor is shown again, so what follows
 * (`interrupted: …`, the shell's prompt) starts on a clean line.
 *
 * @returns whether a line was ended, now or by an earlier Ctrl-C (then the cursor is at the
 *   start of a line and a message needs no leading newline)
 * @example stream.write(`${endProgressLines() ? "" : "\n"}interrupted\n`)
 */
export function endProgressLines(): boolean {
  for (const line of [...active]) endedBySignal = line.interrupt() || endedBySignal;
  return endedBySignal;
}

// Runs before any other SIGINT handler (it is prepended): ending the lines removes it.
function onSigint(): void {
  endProgressLines();
  // Another handler (a checkpointed run's `interrupted: …`) exits itself; else exit as the
  // default handler would have (128 + SIGINT).
  if (process.listenerCount("SIGINT") === 0) process.exit(130);
}

function track(line: { interrupt(): boolean }): () => void {
  if (active.size === 0) process.prependListener("SIGINT", onSigint);
  active.add(line);
  return () => {
    active.delete(line);
    if (active.size === 0) process.off("SIGINT", onSigint);
  };
}

/**
 * Shows how far a long command is. On a TTY, a bar (cli-progress) redrawn in place with the
 * percentage, counts, elapsed time and ETA. Without one (CI logs, `2> file`), a plain line
 * every ~10 s, e.g. `simulate: 45% 450,000/1,000,000 queries, 12 s elapsed, ETA 15 s`.
 *
 * Why not cli-progress's own non-TTY mode: it prints from a timer, so nothing appears while a
 * run holds the main thread (`--workers 0`), and it prints at the start, so every short run
 * would log lines. Ctrl-C ends the line cleanly (see {@link endProgressLines}).
 *
 * @param options label, unit, stream and interval
 * @returns the line's `update` and `stop`
 * @example const line = progressLine({ label: "simulate", unit: "queries" });
 *   try { await run({ onProgress: line.update }); } finally { line.stop(); }
 */
export function progressLine(options: ProgressLineOptions): ProgressLine {
  const stream = options.stream ?? process.stderr;
  return stream.isTTY ? ttyLine(options, stream) : plainLine(options, stream);
}

const count = (n: number) => n.toLocaleString("en-US");

function ttyLine(options: ProgressLineOptions, stream: NodeJS.WriteStream): ProgressLine {
  const bar = new SingleBar({
    stream,
    format: (_opts, params, payload: Record<string, number>) => {
      const pct = Math.floor(params.progress * 100);
      const eta =
        params.eta > 0 && Number.isFinite(params.eta) ? `, ETA ${seconds(params.eta)}` : "";
      const width = 24;
      const filled = Math.round(params.progress * width);
      const elapsed = (Date.now() - params.startTime) / 1000;
      return (
        `${options.label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(pct).padStart(3)}% ` +
        `${count(params.value)}/${count(params.total)} ${options.unit}, ${seconds(elapsed)}${eta}` +
        (options.extra ? ` ${options.extra(payload)}` : "")
      );
    },
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 50,
    gracefulExit: false,
  });
  let started = false;
  let release = () => {};
  const handle = {
    interrupt(): boolean {
      if (!started) return false;
      started = false;
      release();
      // Keep the last state on screen and end its line (stop() writes the newline).
      // (`options` is public in cli-progress 3 but missing from its types.)
      (bar as unknown as { options: { clearOnComplete: boolean } }).options.clearOnComplete = false;
      bar.stop();
      return true;
    },
  };
  return {
    update(done, total, payload = {}) {
      if (!started) {
        bar.start(total, done, payload);
        started = true;
        release = track(handle);
      } else {
        bar.setTotal(total);
        bar.update(done, payload);
      }
    },
    stop() {
      if (!started) return;
      started = false;
      release();
      bar.stop();
    },
  };
}

function plainLine(options: ProgressLineOptions, stream: NodeJS.WriteStream): ProgressLine {
  const envMs = Number(process.env.ROUTING_LAB_PROGRESS_MS);
  const everyMs = options.everyMs ?? (envMs > 0 ? envMs : 10_000);
  const started = Date.now();
  let lastAt = started;
  let printedDone: number | undefined;
  let latest: { done: number; total: number; payload: Record<string, number> } | undefined;
  const write = () => {
    if (!latest) return;
    const { done, total, payload } = latest;
    const elapsed = (Date.now() - started) / 1000;
    const f = total > 0 ? done / total : 1;
    const eta = f > 0 && f < 1 ? `, ETA ${seconds((elapsed / f) * (1 - f))}` : "";
    stream.write(
      `${options.label}: ${Math.floor(f * 100)}% ${count(done)}/${count(total)} ${options.unit}, ` +
        `${seconds(elapsed)} elapsed${eta}${options.extra ? ` ${options.extra(payload)}` : ""}\n`,
    );
    printedDone = done;
  };
  return {
    update(done, total, payload = {}) {
      latest = { done, total, payload };
      const now = Date.now();
      if (now - lastAt >= everyMs) {
        lastAt = now;
        write();
      }
    },
    stop() {
      // Where it ended, when the log showed it running and it moved since the last line.
      if (printedDone !== undefined && latest && latest.done !== printedDone) write();
      printedDone = undefined;
      latest = undefined;
    },
  };
}

/** `12 s`, `3 min 05 s`. */
function seconds(s: number): string {
  if (s < 60) return `${Math.round(s)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${String(Math.round(s - m * 60)).padStart(2, "0")} s`;
}
