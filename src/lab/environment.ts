import { execFileSync } from "node:child_process";
import { arch, cpus, platform, release, totalmem } from "node:os";
import { projectRoot } from "./settings.js";

/** Where and when a measurement was made: printed beside every benchmark and report. */
export interface RunEnvironment {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  /** `git rev-parse --short HEAD`, with `+dirty` when the tree has uncommitted changes. */
  commit: string;
  /** ISO 8601 time of the run. */
  date: string;
}

/**
 * Describes the machine, runtime and commit of the current run.
 *
 * @param now the time to record (default: the current time)
 * @returns the environment; `commit` is `unknown` outside a git checkout
 */
export function runEnvironment(now: Date = new Date()): RunEnvironment {
  const cpuList = cpus();
  return {
    cpu: cpuList[0]?.model.trim() ?? "unknown",
    cores: cpuList.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    commit: gitCommit(),
    date: now.toISOString(),
  };
}

function gitCommit(): string {
  try {
    const git = (...args: string[]) =>
      execFileSync("git", args, {
        cwd: projectRoot,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }).trim();
    const sha = git("rev-parse", "--short", "HEAD");
    return git("status", "--porcelain", "--untracked-files=no") ? `${sha}+dirty` : sha;
  } catch {
    return "unknown";
  }
}
