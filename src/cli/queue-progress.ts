import { SingleBar } from "cli-progress";
import type { QueueStatus } from "../queue/queue-executor.js";

/**
 * The coordinator's progress bar (cli-progress), from job events: runs done, jobs active and
 * waiting, workers connected. Drawn on a TTY only; pipes and files get nothing.
 *
 * @param label the command, e.g. `simulate`
 * @param stream where to draw (default stderr)
 * @returns `update` for each status and `done` to stop the bar
 */
export function queueProgressBar(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): { update: (s: QueueStatus) => void; done: () => void } {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };
  const bar = new SingleBar({
    stream,
    format: `${label} [{bar}] {value}/{total} runs | active {active} | waiting {waiting} | workers {workers} | {eta_formatted}`,
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 50,
  });
  let started = false;
  return {
    update(s) {
      const payload = { active: s.active, waiting: s.waiting, workers: s.workers };
      if (!started) {
        bar.start(s.total, s.done, payload);
        started = true;
      } else {
        bar.setTotal(s.total);
        bar.update(s.done, payload);
      }
    },
    done() {
      if (started) bar.stop();
    },
  };
}
