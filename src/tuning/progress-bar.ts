import type { SweepProgress } from "./run-sweep.js";

/**
 * A one-line progress bar for sweeps, drawn on a TTY only (nothing is written to pipes or
 * files, so logs stay clean). Redraws at most every 100 ms.
 *
 * @param stream where to draw (default stderr)
 * @returns `update` for each progress report and `done` to clear the line
 * @example const bar = progressBar(); runPriorSweep({ ..., onProgress: bar.update }).finally(bar.done)
 */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): {
  update: (p: SweepProgress) => void;
  done: () => void;
} {
  const started = Date.now();
  let last = 0;
  let drawn = false;
  const width = 30;
  return {
    update(p) {
      if (!stream.isTTY) return;
      const now = Date.now();
      if (now - last < 100 && p.doneRuns < p.totalRuns) return;
      last = now;
      const frac = p.totalRuns === 0 ? 1 : p.doneRuns / p.totalRuns;
      const filled = Math.round(frac * width);
      const ran = p.doneRuns - p.resumedRuns;
      const elapsed = (now - started) / 1000;
      const left = p.totalRuns - p.doneRuns;
      const eta = ran > 0 ? `, ETA ${Math.ceil((elapsed / ran) * left)} s` : "";
      const resumed = p.resumedRuns > 0 ? `, ${p.resumedRuns} runs resumed` : "";
      stream.write(
        `\r\x1b[2Ktune-priors ▕${"█".repeat(filled)}${"░".repeat(width - filled)}▏ ${p.doneCells}/${p.totalCells} settings, ${p.doneRuns}/${p.totalRuns} runs${resumed}${eta}`,
      );
      drawn = true;
    },
    done() {
      if (drawn) stream.write("\r\x1b[2K");
    },
  };
}
