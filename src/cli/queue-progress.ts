import type { QueueStatus } from "../queue/queue-executor.js";
import { progressLine } from "./progress-line.js";

/**
 * The coordinator's progress line, from job events: runs done, jobs active and waiting,
 * workers connected (a bar on a TTY, a line every ~10 s without one; see `progressLine`).
 *
 * @param label the command, e.g. `simulate`
 * @param stream where to draw (default stderr)
 * @returns `update` for each status and `done` to stop the line
 */
export function queueProgressBar(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): { update: (s: QueueStatus) => void; done: () => void } {
  const line = progressLine({
    label,
    unit: "runs",
    stream,
    extra: (p) => `| active ${p.active} | waiting ${p.waiting} | workers ${p.workers}`,
  });
  return {
    update(s) {
      line.update(s.done, s.total, { active: s.active, waiting: s.waiting, workers: s.workers });
    },
    done: () => line.stop(),
  };
}
